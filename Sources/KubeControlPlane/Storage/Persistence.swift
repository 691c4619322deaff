import Foundation
import GRDB
import KubeCore

/// Durable storage behind the in-memory store. Every acknowledged write is
/// committed here before the API answers.
protocol Persistence: Sendable {
    /// Everything stored, and the last revision handed out.
    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)])
    /// Records a created or updated object.
    func put(resource: String, object: StoredObject) throws
    /// Records a deletion at `revision`.
    func delete(resource: String, key: String, revision: Int64) throws
    /// Releases the storage (and its lock) at shutdown; later writes fail.
    func close() throws
}

/// No durability, for `--in-memory` and tests.
struct MemoryPersistence: Persistence {
    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)]) { (0, []) }
    func put(resource: String, object: StoredObject) throws {}
    func delete(resource: String, key: String, revision: Int64) throws {}
    func close() throws {}
}

/// SQLite in write-ahead-log mode. `synchronous=NORMAL` survives a killed process
/// (the WAL is in the OS's hands once a commit returns); only a power loss could
/// drop the last transactions, as with etcd's default batching.
///
/// The server is the database's only user, so it holds SQLite's lock for its whole life
/// (`locking_mode=EXCLUSIVE`): a commit then takes no file locks and keeps its page cache,
/// and a second server started on the same data directory is refused.
final class SQLitePersistence: Persistence {
    private let queue: DatabaseQueue

    /// Why a data directory's database cannot be opened.
    struct OpenError: Error, CustomStringConvertible {
        var path: String
        var underlying: any Error
        var description: String {
            if let error = underlying as? DatabaseError, error.resultCode == .SQLITE_BUSY {
                return "\(path) is in use by another process (another `astrolift dev` on the same --data-dir?); "
                    + "stop it or choose another --data-dir"
            }
            return "cannot open \(path): \(underlying)"
        }
    }

    init(path: String) throws {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
            // Fewer, larger checkpoints: an object written several times in a burst is
            // copied into the database once. The log is cut back after each one.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.createSchema(queue)
        } catch {
            throw OpenError(path: path, underlying: error)
        }
    }

    private static func createSchema(_ queue: DatabaseQueue) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS objects (
                        resource TEXT NOT NULL,
                        key TEXT NOT NULL,
                        namespace TEXT,
                        name TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        data BLOB NOT NULL,
                        PRIMARY KEY (resource, key)
                    ) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    """)
        }
    }

    /// The last revision is the larger of the one recorded by the newest delete and the
    /// newest object's: a put carries its revision in its row, so only deletes write `meta`.
    func load() throws -> (revision: Int64, objects: [(resource: String, object: StoredObject)]) {
        try queue.read { db in
            let revision = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'revision'") ?? 0
            var objects: [(String, StoredObject)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT resource, data, revision FROM objects")
            while let row = try rows.next() {
                let resource: String = row["resource"]
                let data: Data = row["data"]
                let rev: Int64 = row["revision"]
                let json = try JSONValue.parse(data)
                objects.append((resource, StoredObject(json: json, revision: rev)))
            }
            return (objects.reduce(revision) { max($0, $1.1.revision) }, objects)
        }
    }

    func put(resource: String, object: StoredObject) throws {
        try queue.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO objects (resource, key, namespace, name, revision, data) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (resource, key) DO UPDATE SET revision = excluded.revision, data = excluded.data
                    """
            ).execute(arguments: [resource, object.key, object.namespace, object.name, object.revision, object.data])
        }
    }

    func delete(resource: String, key: String, revision: Int64) throws {
        try queue.write { db in
            try db.cachedStatement(sql: "DELETE FROM objects WHERE resource = ? AND key = ?")
                .execute(arguments: [resource, key])
            try Self.saveRevision(db, revision)
        }
    }

    func close() throws { try queue.close() }

    private static func saveRevision(_ db: Database, _ revision: Int64) throws {
        try db.cachedStatement(
            sql:
                "INSERT INTO meta (name, value) VALUES ('revision', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"
        ).execute(arguments: [revision])
    }
}
