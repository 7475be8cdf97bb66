import Foundation
import PostgresNIO

/// The team index's tables, made and moved forward by numbered migrations: a database made by an
/// older kabar is brought up to this one's version when an indexer opens it; a reader of an older
/// version than the database's says so instead of guessing.
public enum TeamSchema {
    /// Each step takes the schema from the version before it to its own (the first from nothing).
    static let migrations: [String] = [
        // 1: stores, articles with their text, words and names, stories, skipped files, and the
        // readers' own marks, notes and saved searches.
        """
        CREATE TABLE kabar_store(id serial PRIMARY KEY, name text NOT NULL UNIQUE);
        CREATE TABLE kabar_article(
            id bigserial PRIMARY KEY,
            store integer NOT NULL REFERENCES kabar_store(id),
            file text NOT NULL,
            path text NOT NULL,
            sort_key bigint NOT NULL,
            outlet text,
            title text,
            lede text NOT NULL,
            published text,
            url text,
            body text NOT NULL,
            line_numbers integer[] NOT NULL,
            confidences text NOT NULL,
            stripped text NOT NULL,
            truncated boolean NOT NULL,
            spans text NOT NULL,
            quotes text NOT NULL,
            named text NOT NULL,
            words tsvector NOT NULL,
            names tsvector NOT NULL,
            story bigint,
            story_key bigint,
            story_outlets integer NOT NULL DEFAULT 0,
            story_position integer,
            UNIQUE (store, file)) WITH (toast_tuple_target = 128);
        CREATE INDEX kabar_article_order ON kabar_article(sort_key DESC, id DESC);
        CREATE INDEX kabar_article_outlet ON kabar_article(outlet, sort_key DESC);
        CREATE INDEX kabar_article_path ON kabar_article(path);
        CREATE INDEX kabar_article_story ON kabar_article(story);
        CREATE INDEX kabar_article_words ON kabar_article USING gin(words);
        CREATE INDEX kabar_article_names ON kabar_article USING gin(names);
        CREATE TABLE kabar_story(
            id bigserial PRIMARY KEY,
            store integer NOT NULL REFERENCES kabar_store(id),
            source_key bigint NOT NULL,
            first text,
            last text,
            articles integer NOT NULL,
            outlets integer NOT NULL,
            headline text NOT NULL,
            names text[] NOT NULL,
            UNIQUE (store, source_key));
        CREATE TABLE kabar_skipped(
            store integer NOT NULL REFERENCES kabar_store(id), path text NOT NULL, reason text NOT NULL,
            PRIMARY KEY (store, path));
        CREATE TABLE kabar_outlet(name text PRIMARY KEY, articles integer NOT NULL);
        CREATE TABLE kabar_word(stem text NOT NULL, word text NOT NULL, PRIMARY KEY (stem, word));
        CREATE TABLE kabar_user_state(
            user_name text NOT NULL, kind text NOT NULL, content text NOT NULL,
            PRIMARY KEY (user_name, kind));
        """,
        // 2: marks, notes and searches belong to the role that wrote them: another role (not the
        // table's owner) can neither read nor change them. People sharing a role still tell
        // themselves apart by name (`--user`). Rows already kept go to the role of their name,
        // where there is one.
        """
        ALTER TABLE kabar_user_state ADD COLUMN role_name text NOT NULL DEFAULT current_user;
        UPDATE kabar_user_state s SET role_name = s.user_name
            WHERE EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = s.user_name);
        ALTER TABLE kabar_user_state DROP CONSTRAINT kabar_user_state_pkey;
        ALTER TABLE kabar_user_state ADD PRIMARY KEY (role_name, user_name, kind);
        ALTER TABLE kabar_user_state ENABLE ROW LEVEL SECURITY;
        CREATE POLICY kabar_own_state ON kabar_user_state
            USING (role_name = current_user) WITH CHECK (role_name = current_user);
        """,
    ]

    /// The word and name indexes (as the first migration makes them): `TeamLoader` makes them
    /// afresh after the first load of a team index.
    static let wordIndexes = [
        (name: "kabar_article_words", column: "words"), (name: "kabar_article_names", column: "names"),
    ]

    /// The statements that make `role` a reader of the team index (with `password` to log in,
    /// when given): it may read every table and keep its own reading marks, notes and searches,
    /// and cannot change articles. Run by the database's owner.
    public static func readerGrants(role: String, password: String? = nil) -> [String] {
        let name = "\"" + role.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let login =
            password.map { " LOGIN PASSWORD '" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? " LOGIN"
        return [
            "CREATE ROLE \(name)\(login)",
            "GRANT USAGE ON SCHEMA public TO \(name)",
            "GRANT SELECT ON kabar_schema, kabar_store, kabar_article, kabar_story, kabar_skipped, kabar_word, kabar_outlet TO \(name)",
            "GRANT SELECT, INSERT, UPDATE ON kabar_user_state TO \(name)",
        ]
    }

    /// The version this kabar writes and reads.
    public static var version: Int { migrations.count }

    /// Makes the tables, or moves an older database's forward (to `target`, this kabar's version
    /// unless a test asks for an older one), under a lock so that indexers starting together
    /// migrate once.
    static func migrate(_ session: DatabaseSession, to target: Int = version) throws {
        try session.transaction {
            try session.query("SELECT pg_advisory_xact_lock(7320001)")
            try session.query("CREATE TABLE IF NOT EXISTS kabar_schema(version integer NOT NULL)")
            let found = try currentVersion(session)
            if found > version {
                throw TeamIndexError(
                    "\(session.address): the database holds a team index of version \(found), newer than this kabar's \(version): update kabar"
                )
            }
            guard found < target else { return }
            for step in migrations[found..<target] {
                // One statement at a time: a prepared statement holds one.
                for statement in step.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
                    try session.query(statement)
                }
            }
            try session.query("DELETE FROM kabar_schema")
            try session.query("INSERT INTO kabar_schema(version) VALUES ($1)", .of([target]))
        }
    }

    /// The version of the database's tables; 0 when it has none.
    static func currentVersion(_ session: DatabaseSession) throws -> Int {
        let exists = try session.query("SELECT to_regclass('kabar_schema') IS NOT NULL").first?.decode(Bool.self)
        guard exists == true else { return 0 }
        return try session.query("SELECT max(version) FROM kabar_schema").first?.decode(Int?.self) ?? 0
    }

    /// Checks, for a reader, that the database holds a team index this kabar can read.
    static func check(_ session: DatabaseSession) throws {
        let found = try currentVersion(session)
        if found == 0 {
            throw TeamIndexError(
                "\(session.address) holds no kabar index yet: index a store into it with kabar index --database")
        }
        if found != version {
            throw TeamIndexError(
                "\(session.address): the team index is of version \(found) and this kabar reads version \(version)"
                    + (found < version ? ": run kabar index --database to move it forward" : ": update kabar"))
        }
    }
}
