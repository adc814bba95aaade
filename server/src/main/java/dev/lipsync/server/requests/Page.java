package dev.lipsync.server.requests;

import java.util.List;

/** One page of a list: the items, and how many match in all. */
public record Page(List<LipsyncRequest> items, long total) {
}
