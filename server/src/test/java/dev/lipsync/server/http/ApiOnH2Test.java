package dev.lipsync.server.http;

import dev.lipsync.server.db.TestDatabases;

/** The API contract on the embedded default database (H2 file). */
class ApiOnH2Test extends ApiContractSuite {
    @Override
    TestDatabases database() {
        return TestDatabases.H2;
    }
}
