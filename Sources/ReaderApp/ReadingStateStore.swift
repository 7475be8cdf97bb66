/// Where the reader keeps what outlives a session: one store's read and starred marks, and the
/// theme last chosen with `t`. The reader only asks; the program that runs it says where they live
/// (kabar keeps them in files of its state folder, never in the store).
public protocol ReadingStateStore: Sendable {
    /// The marks kept so far; none when none were kept yet. Throws when what is kept cannot be
    /// read in full: saving over it would lose marks, so the caller must then not save.
    func loadMarks() throws -> ReadingMarks
    /// Keeps the marks, replacing the ones kept before at once.
    func saveMarks(_ marks: ReadingMarks) throws
    /// The theme last chosen with `t`; nil when none was, or it cannot be read.
    func rememberedTheme() -> String?
    /// Keeps the theme chosen with `t` for the next start.
    func rememberTheme(_ name: String) throws
    /// The saved searches kept so far; throws, as `loadMarks` does, when they cannot be read in full.
    func loadSearches() throws -> SavedSearches
    func saveSearches(_ searches: SavedSearches) throws
    /// The search prompt's history kept so far; throws when it cannot be read in full.
    func loadHistory() throws -> SearchHistory
    func saveHistory(_ history: SearchHistory) throws
    /// The notes kept so far; throws when they cannot be read in full.
    func loadNotes() throws -> ArticleNotes
    func saveNotes(_ notes: ArticleNotes) throws
}
