import Foundation
import ReaderApp

/// One person's reading marks, saved searches, search history and notes, kept in the team index
/// (so they follow them from machine to machine) under the database role, which alone can read
/// them; the theme stays with the machine (`theme`).
public struct TeamReadingState: ReadingStateStore {
    let session: DatabaseSession
    /// Whose state: the database role, or the name given with `--user`.
    public let user: String
    /// Where the chosen theme is remembered on this machine.
    let theme: (any ReadingStateStore)?

    public init(library: TeamLibrary, user: String? = nil, theme: (any ReadingStateStore)? = nil) {
        session = library.session
        self.user = user ?? library.session.address.user
        self.theme = theme
    }

    /// Why what is kept cannot be read in full: the kind and the problem.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    func load<Contents: StateFileContents>(_ kind: String) throws -> Contents {
        let rows = try session.query(
            "SELECT content FROM kabar_user_state WHERE role_name = current_user AND user_name = $1 AND kind = $2",
            .of([user, kind]))
        guard let text = try rows.first?.decode(String.self) else { return Contents() }
        let contents = Contents(parsing: text)
        if let problem = contents.firstProblem {
            throw Problem(description: "\(user)'s \(kind) in the team index, \(problem)")
        }
        return contents
    }

    func save(_ contents: some StateFileContents, as kind: String) throws {
        try session.query(
            """
            INSERT INTO kabar_user_state(user_name, kind, content) VALUES ($1, $2, $3)
            ON CONFLICT (role_name, user_name, kind) DO UPDATE SET content = excluded.content
            """, .of([user, kind, contents.serialized]))
    }

    public func loadMarks() throws -> ReadingMarks { try load("marks") }
    public func saveMarks(_ marks: ReadingMarks) throws { try save(marks, as: "marks") }
    public func loadSearches() throws -> SavedSearches { try load("searches") }
    public func saveSearches(_ searches: SavedSearches) throws { try save(searches, as: "searches") }
    public func loadHistory() throws -> SearchHistory { try load("history") }
    public func saveHistory(_ history: SearchHistory) throws { try save(history, as: "history") }
    public func loadNotes() throws -> ArticleNotes { try load("notes") }
    public func saveNotes(_ notes: ArticleNotes) throws { try save(notes, as: "notes") }
    public func rememberedTheme() -> String? { theme?.rememberedTheme() }
    public func rememberTheme(_ name: String) throws { try theme?.rememberTheme(name) }
}
