/// What one of kabar's state files holds: read from the file's text, line by line, and written
/// back as text.
public protocol StateFileContents: Sendable {
    /// Nothing kept yet: a file that does not exist.
    init()
    /// Reads the text, skipping the lines it cannot use.
    init(parsing text: String)
    /// The first line the text could not use, in words (`line 3: …`); nil when all were read.
    var firstProblem: String? { get }
    var serialized: String { get }
}

extension ReadingMarks: StateFileContents {
    public var firstProblem: String? { problems.first?.description }
}

extension SavedSearches: StateFileContents {
    public init() { self.init([]) }
    public var firstProblem: String? { problems.first?.description }
}

extension SearchHistory: StateFileContents {
    public init() { self.init([]) }
    public var firstProblem: String? { problems.first?.description }
}

extension ArticleNotes: StateFileContents {
    public init() { self.init([]) }
    public var firstProblem: String? { problems.first?.description }
}
