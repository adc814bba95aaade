package dev.lipsync.sdk.models;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of requests, and the way to the next ones. {@link #autoPager()} walks every request of
 * every page from this one on, fetching each page only when the previous one is used up.
 *
 * <pre>{@code
 * for (LipsyncRequest r : client.lipsync().requests().list().autoPager()) { ... }
 * }</pre>
 */
public final class LipsyncRequestListPage {
    private final LipsyncRequestListParams params;
    private final LipsyncRequestListResponse response;
    private final Function<LipsyncRequestListParams, LipsyncRequestListPage> fetcher;

    public LipsyncRequestListPage(LipsyncRequestListParams params, LipsyncRequestListResponse response,
                                  Function<LipsyncRequestListParams, LipsyncRequestListPage> fetcher) {
        this.params = params;
        this.response = response;
        this.fetcher = fetcher;
    }

    public List<LipsyncRequest> data() {
        return response.data();
    }

    public LipsyncRequestListResponse.Pagination pagination() {
        return response.pagination();
    }

    public LipsyncRequestListResponse response() {
        return response;
    }

    /** True while requests remain after this page (by the server's {@code total}); an empty page ends the walk. */
    public boolean hasNextPage() {
        List<LipsyncRequest> data = response.data();
        return !data.isEmpty() && pagination().offset() + data.size() < pagination().total();
    }

    /** The parameters of the next page: same filter and limit, offset moved past this page's items. */
    public Optional<LipsyncRequestListParams> nextPageParams() {
        if (!hasNextPage()) {
            return Optional.empty();
        }
        return Optional.of(params.toBuilder().offset(pagination().offset() + response.data().size()).build());
    }

    /** Fetches the next page; throws {@link NoSuchElementException} on the last one. */
    public LipsyncRequestListPage nextPage() {
        return fetcher.apply(nextPageParams().orElseThrow(() -> new NoSuchElementException("this is the last page")));
    }

    /** Every request from this page on, across pages, fetched lazily. */
    public Iterable<LipsyncRequest> autoPager() {
        return () -> new Iterator<>() {
            LipsyncRequestListPage page = LipsyncRequestListPage.this;
            int index = 0;

            @Override
            public boolean hasNext() {
                while (index >= page.data().size()) {
                    if (!page.hasNextPage()) {
                        return false;
                    }
                    page = page.nextPage();
                    index = 0;
                }
                return true;
            }

            @Override
            public LipsyncRequest next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.data().get(index++);
            }
        };
    }

    /** {@link #autoPager()} as a sequential stream. */
    public Stream<LipsyncRequest> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(autoPager().iterator(), Spliterator.ORDERED), false);
    }
}
