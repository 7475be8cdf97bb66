import Library
import Search

/// A query and a filter as a PostgreSQL condition on `kabar_article a`, with the meaning the
/// query language has (`SearchQuery.admits`) and the SQLite index gives it.
struct TeamQuery {
    var conditions: [String] = []
    var values: [(any Sendable)?] = []
    /// The words as one `tsquery` for ranking, when the query has words to rank by.
    var rankQuery: String?
    /// A word stands for its stem's lexeme alone, which every article with a form of it has: the
    /// same articles (but for a compound's parts apart), for the planner to estimate them as one
    /// word rather than as several it would take to be found apart.
    var stemsOnly = false
    /// The query's own condition with each phrase loosened to its words all present (which the
    /// word index answers without reading any article's words), where the query has a phrase and
    /// none under a NOT: a condition every article matching the query meets.
    var loosened: (index: Int, condition: String)?

    /// The next parameter's placeholder, holding `value`.
    mutating func parameter(_ value: (any Sendable)?) -> String {
        values.append(value)
        return "$\(values.count)"
    }

    /// `outletNames` are the index's outlets (`kabar_outlet`), which outlet prefixes are resolved
    /// against here, so that the planner sees the outlets a query is about and picks its index.
    init(
        query: SearchQuery?, filter: ArticleFilter, stemmer: Stemmer, outletNames: [String] = [],
        stemsOnly: Bool = false
    ) {
        self.stemsOnly = stemsOnly
        func outlets(startingWith prefixes: [String]) -> [String] {
            let prefixes = prefixes.map { $0.lowercased() }
            return outletNames.filter { name in prefixes.contains { name.lowercased().hasPrefix($0) } }
        }
        if let query {
            if query.error != nil { conditions.append("false") }
            if let root = query.root {
                let joined = Self.joiningCompounds(root, stemmer: stemmer)
                let (exact, loose) = conditions(for: joined, stemmer: stemmer)
                if let loose, loose != exact { loosened = (conditions.count, loose) }
                conditions.append(exact)
                rankQuery = Self.rankQuery(for: joined, stemmer: stemmer)
            }
            if !query.outlets.isEmpty {
                conditions.append("a.outlet = ANY(\(parameter(outlets(startingWith: query.outlets)))::text[])")
            }
            addDays(from: query.fromDay, to: query.toDay, includeUndated: false)
            if let minimum = query.minimumStoryOutlets {
                conditions.append("a.story_outlets >= \(parameter(minimum))")
            }
            // `note:` is answered by the files whose notes match, given as the filter's paths.
            if !query.noteWords.isEmpty && filter.paths == nil { conditions.append("false") }
        }
        if filter.withoutOutlet {
            conditions.append("a.outlet IS NULL")
        } else if let outlet = filter.outlet {
            conditions.append("a.outlet = \(parameter(outlet))")
        }
        if let prefix = filter.outletPrefix {
            conditions.append("a.outlet = ANY(\(parameter(outlets(startingWith: [prefix])))::text[])")
        }
        if let paths = filter.paths {
            conditions.append("a.path = ANY(\(parameter(paths.sorted()))::text[])")
        }
        addDays(from: filter.fromDay, to: filter.toDay, includeUndated: filter.includeUndated)
    }

    /// Days as a range of sort keys (`ArticleKey`), as the SQLite index has them.
    mutating func addDays(from: String?, to: String?, includeUndated: Bool) {
        guard let range = ArticleKey.range(fromDay: from, toDay: to) else { return }
        let inRange =
            "(a.sort_key >= \(parameter(range.lowerBound)) AND a.sort_key < \(parameter(range.upperBound)))"
        conditions.append(
            includeUndated ? "(\(inRange) OR a.sort_key < \(parameter(ArticleKey.firstDatedID)))" : inRange)
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

    /// The conditions with the query's phrases loosened (`loosened`), on the same parameters;
    /// nil when there is no phrase to loosen.
    var looseWhereClause: String? {
        guard let loosened else { return nil }
        var loose = conditions
        loose[loosened.index] = loosened.condition
        return "WHERE " + loose.joined(separator: " AND ")
    }

    /// A node as a condition, and as one with its phrases loosened to their words all present
    /// (a literal: no parameter of its own), nil when a phrase is under a NOT (loosened, it
    /// would exclude more, not less).
    mutating func conditions(for node: SearchQuery.Node, stemmer: Stemmer) -> (exact: String, loose: String?) {
        switch node {
        case .phrase(let words) where words.count > 1:
            let all = "(" + words.map(TextVectors.quoted).joined(separator: " & ") + ")"
            return (
                condition(for: node, stemmer: stemmer),
                "a.words @@ '\(all.replacingOccurrences(of: "'", with: "''"))'::tsquery"
            )
        case .all(let nodes), .any(let nodes):
            let parts = nodes.map { conditions(for: $0, stemmer: stemmer) }
            let joiner = if case .all = node { " AND " } else { " OR " }
            let loose = parts.allSatisfy { $0.loose != nil } ? parts.map { $0.loose! } : nil
            return (
                "(" + parts.map(\.exact).joined(separator: joiner) + ")",
                loose.map { "(" + $0.joined(separator: joiner) + ")" }
            )
        case .not(let inner):
            let exact = "NOT " + condition(for: inner, stemmer: stemmer)
            return (exact, inner.hasPhrase ? nil : exact)
        default:
            let exact = condition(for: node, stemmer: stemmer)
            return (exact, exact)
        }
    }

    /// A node as a condition: words in `a.words`, names in `a.names`.
    mutating func condition(for node: SearchQuery.Node, stemmer: Stemmer) -> String {
        switch node {
        case .word(let word, false) where stemsOnly:
            return "a.words @@ \(parameter(Self.stemQuery(stemmer.stem(word), stemmer: stemmer)))::tsquery"
        case .word, .phrase:
            return "a.words @@ \(parameter(Self.tsquery(for: node, stemmer: stemmer)))::tsquery"
        case .entity(let field):
            let lexemes = field.words.map { TextVectors.nameLexeme(field.kind, $0) }
            guard !lexemes.isEmpty else { return "false" }
            return "a.names @@ \(parameter(TextVectors.phrase(lexemes)))::tsquery"
        case .all(let nodes):
            return "(" + nodes.map { condition(for: $0, stemmer: stemmer) }.joined(separator: " AND ") + ")"
        case .any(let nodes):
            return "(" + nodes.map { condition(for: $0, stemmer: stemmer) }.joined(separator: " OR ") + ")"
        case .not(let inner):
            return "NOT " + condition(for: inner, stemmer: stemmer)
        }
    }

    /// Every word of a stem: its lexeme, and the stem itself where the stem is its own stem (an
    /// article's `~stem` stands for its words that are not the stem).
    static func stemQuery(_ stem: String, stemmer: Stemmer) -> String {
        let lexeme = TextVectors.quoted(TextVectors.stemLexeme(stem))
        return stemmer.stem(stem) == stem ? "(" + lexeme + " | " + TextVectors.quoted(stem) + ")" : lexeme
    }

    /// A word or phrase as a `tsquery`: a word also finds every word of its stem and, for a
    /// compound root, its two words written apart; a prefix finds the words it starts.
    static func tsquery(for node: SearchQuery.Node, stemmer: Stemmer) -> String {
        switch node {
        case .word(let word, true): return TextVectors.quoted(word) + ":*"
        case .word(let word, false):
            let stem = stemmer.stem(word)
            var forms = [TextVectors.quoted(word), TextVectors.quoted(TextVectors.stemLexeme(stem))]
            if stem != word { forms.append(TextVectors.quoted(stem)) }
            if let parts = stemmer.compounds[stem] { forms.append(TextVectors.phrase(parts)) }
            return "(" + forms.joined(separator: " | ") + ")"
        case .phrase(let words): return TextVectors.phrase(words)
        default: return ""
        }
    }

    /// The query's positive words and phrases joined by `|`, to rank matches by; nil when none.
    static func rankQuery(for root: SearchQuery.Node, stemmer: Stemmer) -> String? {
        var parts: [String] = []
        func walk(_ node: SearchQuery.Node) {
            switch node {
            case .word, .phrase: parts.append(tsquery(for: node, stemmer: stemmer))
            case .all(let nodes), .any(let nodes): nodes.forEach(walk)
            case .entity, .not: break
            }
        }
        walk(root)
        return parts.isEmpty ? nil : parts.joined(separator: " | ")
    }

    /// Two query words next to each other that make a compound root (`tanda tangan`) become the
    /// root, joined or apart, as the SQLite index reads them.
    static func joiningCompounds(_ node: SearchQuery.Node, stemmer: Stemmer) -> SearchQuery.Node {
        switch node {
        case .all(let children):
            var joined: [SearchQuery.Node] = []
            var rest = children[...]
            while let first = rest.first {
                rest = rest.dropFirst()
                if case .word(let left, false) = first, case .word(let right, false)? = rest.first,
                    stemmer.compounds[stemmer.stem(left) + stemmer.stem(right)] != nil
                {
                    let root = stemmer.stem(left) + stemmer.stem(right)
                    joined.append(.any([.word(root, isPrefix: false), .phrase([left, right])]))
                    rest = rest.dropFirst()
                } else {
                    joined.append(joiningCompounds(first, stemmer: stemmer))
                }
            }
            return joined.count == 1 ? joined[0] : .all(joined)
        case .any(let children): return .any(children.map { joiningCompounds($0, stemmer: stemmer) })
        case .not(let inner): return .not(joiningCompounds(inner, stemmer: stemmer))
        default: return node
        }
    }
}
