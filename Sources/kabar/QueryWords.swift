import ArgumentParser
import Foundation
import Search
import TerminalUI

/// A query given as words on the command line, for commands where it may be left out.
enum QueryWords {
    /// The words as a query; nil when there are none (every article). A query that does not parse
    /// is refused with the column and a caret under it.
    static func parse(_ words: [String]) throws -> SearchQuery? {
        let text = words.filter { $0 != "--" }.joined(separator: " ")
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let parsed = SearchQuery(text)
        if let error = parsed.error {
            let caret = String(repeating: " ", count: DisplayWidth.of(String(text.prefix(error.offset)))) + "^"
            throw CommandFailure(
                "the query does not parse at column \(error.offset + 1): \(error.message)\n  \(text)\n  \(caret)")
        }
        if parsed.isEmpty { throw ValidationError(SearchQuery.nothingToSearchFor) }
        return parsed
    }
}
