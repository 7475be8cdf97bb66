import Entities

/// One text's tokens and what is known of each, for finding its quotes.
struct Context {
    let tokens: [QuoteToken]
    let lower: [String]
    /// The classes of each token's word, looked up once.
    let classes: [WordClass]
    let people: [ClosedRange<Int>]
    /// Whether the tokens' offsets show the text's own spacing (not tokens joined by spaces).
    let spaced: Bool
    /// For each token, the person span it is in.
    let peopleAt: [ClosedRange<Int>?]
    /// Whether each token is in a name the tagger takes for an organisation or a place.
    let othersAt: [Bool]

    func personAt(_ i: Int) -> ClosedRange<Int>? { i >= 0 && i < peopleAt.count ? peopleAt[i] : nil }
    /// What is worked out once a text when first needed.
    final class Cache {
        var candidates: [(range: ClosedRange<Int>, words: Set<String>)]?
    }
    let cache = Cache()
    /// Runs of two or more capitalised words that are not roles, ranks or sentence openers: names
    /// the tagger may have missed (`Stefano Pioli`).
    let names: [ClosedRange<Int>]
    /// Each token's sentence, counted from 0.
    let sentence: [Int]
    /// Where the second paragraph begins: the first line is the headline, its words all
    /// capitalised, so no names are read from it.
    let bodyStart: Int?

    func inTitle(_ i: Int) -> Bool { bodyStart.map { i < $0 } ?? false }

    init(tokens: [QuoteToken], people: [ClosedRange<Int>], others: [ClosedRange<Int>], spaced: Bool) {
        self.tokens = tokens
        self.spaced = spaced
        lower = tokens.map { Context.lowercased($0.text) }
        var classes = zip(tokens, lower).map { token, word in
            QuoteWords.wordClass(word) ?? Context.abbreviated(word) ?? Context.gluedCue(token.text)
        }
        // `Agung` is a name but for `Jaksa Agung`, `Hakim Agung`, `Mahkamah Agung`: an office.
        for i in lower.indices.dropFirst() where lower[i] == "agung" && Context.highOffices.contains(lower[i - 1]) {
            classes[i].insert(.roleParts)
        }
        self.classes = classes
        // `Budi S. Sadikin` when the tagger found `S. Sadikin` or `Budi S.`: a name's initial
        // and the name word beside it belong together.
        func initial(_ i: Int) -> Bool {
            let text = tokens[i].text
            return Context.isCapitalisedWord(text) && (text.count == 1 || text.count == 2 && text.hasSuffix("."))
        }
        func nameWord(_ i: Int) -> Bool {
            i >= 0 && i < tokens.count && Context.isCapitalisedWord(tokens[i].text) && tokens[i].text.count > 2
                && classes[i].isDisjoint(with: [.roles, .titles, .roleParts, .openers, .clauseWords, .sayings])
        }
        // `Karl-Heinz Rummenigge` when the tagger found `Heinz Rummenigge`: a name's hyphenated
        // first part, as a tokenizer splits it, belongs to it.
        let people = people.map { person -> ClosedRange<Int> in
            var start = person.lowerBound
            while start >= 2 && tokens[start - 1].text == "-"
                && Context.isCapitalisedWord(tokens[start - 2].text) && !tokens[start - 1].sentenceStart
                && !tokens[start].sentenceStart
            {
                start -= 2
            }
            var end = person.upperBound
            if initial(start), start > 0, nameWord(start - 1), !tokens[start].sentenceStart { start -= 1 }
            if initial(end), nameWord(end + 1), !tokens[end + 1].sentenceStart { end += 1 }
            return start...end
        }
        self.people = people
        var at = [ClosedRange<Int>?](repeating: nil, count: tokens.count)
        for range in people { for i in range where i < tokens.count { at[i] = range } }
        peopleAt = at
        // The first line is a headline when it is short, ends without a full stop and capitalises
        // most of its words.
        let secondParagraph = tokens.indices.first { $0 > 0 && tokens[$0].paragraphStart }
        let headline = secondParagraph.map { end -> Bool in
            let words = tokens[0..<end].filter { $0.text.first?.isLetter == true }
            let capitals = words.count { Context.isCapitalisedWord($0.text) }
            return end <= 30 && tokens[end - 1].text != "." && capitals * 10 >= words.count * 7
        }
        let bodyStart = headline == true ? secondParagraph : nil
        self.bodyStart = bodyStart
        var organisations = [Bool](repeating: false, count: tokens.count)
        for range in others { for i in range where i < tokens.count { organisations[i] = true } }
        othersAt = organisations
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        for i in 0...tokens.count {
            let notName: WordClass = [
                .roles, .titles, .openers, .clauseWords, .dayNames, .functionWords, .roleParts, .sayings, .according,
                .statements, .describing,
            ]
            let fits =
                i < tokens.count && Context.isCapitalisedWord(tokens[i].text)
                && classes[i].intersection(notName).isEmpty && !(bodyStart.map { i < $0 } ?? false)
                && !organisations[i]
            // A run ends where a sentence begins (`… Ustadz Ahmad Munthoi` / `Ia …`) and begins past an
            // office's acronym (`Dirjen PKH Agung Suganda`).
            let opensSentence = i < tokens.count && (tokens[i].sentenceStart || tokens[i].paragraphStart)
            if fits, let first = start, opensSentence {
                if i - first >= 2 { runs.append(first...(i - 1)) }
                start = i
            } else if fits {
                if start == nil && !Context.isAcronym(tokens[i].text) { start = i }
            } else if let first = start {
                if i - first >= 2 { runs.append(first...(i - 1)) }
                start = nil
            }
        }
        names = runs
        var count = -1
        sentence = tokens.map { token in
            if token.sentenceStart || token.paragraphStart || count < 0 { count += 1 }
            return count
        }
    }

    /// The class of a speech word a scraper glued to the next word (`kataMenkomdigi`,
    /// `ujarKapolres`): the speech word's, else none.
    static func gluedCue(_ text: String) -> WordClass {
        // Most words are lower-case throughout or capitalised: seen in a pass over their bytes.
        let utf8 = text.utf8
        guard let first = utf8.first, first >= 0x61 && first <= 0x7A,
            utf8.dropFirst(2).contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 })
        else { return [] }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 3, scalars[0].properties.isLowercase,
            let joint = scalars.indices.first(where: { $0 > 1 && scalars[$0].properties.isUppercase })
        else { return [] }
        let head = String(String.UnicodeScalarView(scalars[..<joint]))
        return (QuoteWords.classes[head] ?? []).intersection([.sayings, .verbs])
    }

    /// A token lower-cased; most are already, and ASCII is done byte by byte.
    static func lowercased(_ text: String) -> String {
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 { return text.lowercased() }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Words a demonstrative makes a time of: `belum lama ini`, `hari ini`, `saat itu`.
    static let timeWords: Set<String> = [
        "lama", "hari", "saat", "kali", "baru", "bulan", "minggu", "pekan", "malam", "pagi", "siang", "sore",
        "tahun", "waktu", "masa",
    ]

    /// Offices written with `Agung` after them.
    static let highOffices: Set<String> = ["jaksa", "hakim", "mahkamah", "kejaksaan"]

    /// The class of a title or rank written with its full stop in one token (`Ny.`, `AKBP.`), as
    /// some tokenizers keep them.
    static func abbreviated(_ word: String) -> WordClass? {
        guard word.count > 1, word.hasSuffix("."), let known = QuoteWords.classes[String(word.dropLast())] else {
            return nil
        }
        let kept = known.intersection([.titles, .ranks, .degrees])
        return kept.isEmpty ? nil : kept
    }

    /// Three or more capital letters: an office's or a body's acronym (`PKH`, `KPK`).
    static func isAcronym(_ text: String) -> Bool {
        text.utf8.count >= 3 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    static func isCapitalisedWord(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first.isASCII ? ("A"..."Z").contains(first) : first.properties.isUppercase
    }

    /// Whether a mention reads as a person's name: capitalised words, none a role or rank.
    func isName(_ range: ClosedRange<Int>) -> Bool {
        range.allSatisfy {
            isCapitalised($0) && !on($0, .roles) && !on($0, .titles)
                || on($0, .connectors)
        }
    }

    /// The person the text names right after the role: `Presiden Joko Widodo` for `Presiden`.
    func person(withRole role: ClosedRange<Int>) -> String? {
        let words = role.map { lower[$0] }
        guard !words.isEmpty else { return nil }
        var i = 0
        while i + words.count < tokens.count {
            if (0..<words.count).allSatisfy({ lower[i + $0] == words[$0] }) {
                var n = i + words.count
                while n < tokens.count && n < i + words.count + 8
                    && (on(n, .titles) || lower[n] == "." || lower[n] == ","
                        || (isCapitalised(n) && personAt(n) == nil && !names.contains(where: { $0.lowerBound == n })))
                {
                    n += 1
                }
                if let person = personAt(n), person.lowerBound == n { return fullest(stripped(person)) }
                if let run = names.first(where: { $0.lowerBound == n }) { return fullest(run) }
            }
            i += 1
        }
        return nil
    }

    func isMark(_ i: Int) -> Bool { on(i, .marks) }

    /// Whether token `i` is a word of the class (`.verbs`, `.titles`, …).
    /// Whether the token is a word of the class (of every class, when given several).
    func on(_ i: Int, _ wordClass: WordClass) -> Bool {
        i >= 0 && i < classes.count && classes[i].contains(wordClass)
    }

    func isWord(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, let first = tokens[i].text.unicodeScalars.first else { return false }
        if first.isASCII {
            return ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first)
        }
        return first.properties.isAlphabetic || first.properties.numericType != nil
    }

    func isCapitalised(_ i: Int) -> Bool {
        guard i >= 0, i < tokens.count, let first = tokens[i].text.unicodeScalars.first else { return false }
        return first.isASCII ? ("A"..."Z").contains(first) : first.properties.isUppercase
    }

    func isSentenceEnd(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && [".", "!", "?", "…"].contains(tokens[i].text)
    }

    func wordCount(_ range: ClosedRange<Int>) -> Int { range.count { isWord($0) } }
}
