package dev.lipsync.server.http;

import dev.lipsync.server.db.TestDatabases;

/** The API contract on a real PostgreSQL (embedded binaries started by the test). */
class ApiOnPostgresTest extends ApiContractSuite {
    @Override
    TestDatabases database() {
        return TestDatabases.POSTGRES;
    }
}
