package dev.lipsync.server.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Called inside the transaction that stores a new request, so the job that will process it
 * commits (or rolls back) together with the request. The job queue implements it.
 */
@FunctionalInterface
public interface QueueHook {

    void enqueue(Connection tx, UUID requestId) throws SQLException;

    QueueHook NONE = (tx, id) -> { };
}
