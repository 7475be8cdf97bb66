import Dispatch
import Library
import Search

/// Carries out effects against a library and reports each answer as a message.
public struct EffectRunner: Sendable {
    public let library: any ArticleLibrary
    /// Where reading marks and the chosen theme are kept; nowhere when nil.
    public let readingState: (any ReadingStateStore)?

    public init(library: any ArticleLibrary, readingState: (any ReadingStateStore)? = nil) {
        self.library = library
        self.readingState = readingState
    }

    public func perform(_ effect: Effect) -> Message {
        do {
            switch effect {
            case .loadArticles(let filter, let request, let limit):
                let articles = try library.articles(matching: filter, limit: limit)
                return .articlesLoaded(articles, request: request, complete: limit.map { articles.count < $0 } ?? true)
            case .loadOutlets:
                return .outletsLoaded(try library.outlets())
            case .countUndated(let filter, let request):
                return .undatedCounted(try library.undatedCount(matching: filter), request: request)
            case .search(let query, let filter, let request, let offset, let limit):
                let start = DispatchTime.now().uptimeNanoseconds
                let results = try library.search(query, filter: filter, offset: offset, limit: limit)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                return .searchFinished(
                    results, query: query, elapsedMilliseconds: elapsed, request: request, offset: offset)
            case .loadArticle(let id, let query, let request):
                return .articleLoaded(try library.article(id: id), query: query, request: request)
            case .saveMarks(let marks):
                do {
                    try readingState?.saveMarks(marks)
                } catch {
                    return .failed("Cannot save read and starred marks: \(error)")
                }
                return .marksSaved
            case .rememberTheme(let name):
                // A preference: when it cannot be kept, the theme is simply not remembered.
                try? readingState?.rememberTheme(name)
                return .themeRemembered
            case .loadSkippedFiles:
                return .skippedFilesLoaded(try library.skippedFiles())
            default:
                // The effects that need the terminal (`Effect.needsTerminal`): the run loop carries
                // them out itself.
                return .failed("This needs the terminal.")
            }
        } catch {
            return .failed("Index error: \(error)")
        }
    }
}
