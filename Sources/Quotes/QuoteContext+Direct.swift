/// Direct quotes: quote marks paired into quotes of one or more parts.
extension Context {
    /// Pairs quote marks into quotes: one part a paragraph.
    func directQuotes() -> [[ClosedRange<Int>]] {
        var quotes: [[ClosedRange<Int>]] = []
        var parts: [ClosedRange<Int>] = []
        var open: Int?
        func finish(_ end: Int) {
            guard let start = open else { return }
            if end >= start { parts.append(start...end) }
            if !parts.isEmpty { quotes.append(parts) }
            parts = []
            open = nil
        }
        for i in tokens.indices {
            if let start = open, i > start, tokens[i].paragraphStart {
                if isMark(i) && isWord(i + 1) {
                    // The quote goes on in this paragraph: its last one lacked the closing mark.
                    parts.append(start...(i - 1))
                    open = i
                    continue
                }
                finish(i - 1)
            }
            guard isMark(i) else { continue }
            if let start = open {
                if i > start + 1 && opensAgain(i) {
                    // An opening mark while a quote is open: that one lacked its closing mark. Where
                    // it ran up to this mark the quote goes on (its paragraph ended without the
                    // mark); where the writer's words came between, they are two quotes.
                    let end = unclosedEnd(from: start, before: i)
                    if end == (lastSentenceEnd(before: i, after: start) ?? i - 1) && !spaced {
                        parts.append(start...end)
                    } else {
                        finish(end)
                    }
                    open = i
                } else {
                    finish(i)
                }
            } else if isWord(i + 1) || (i + 1 < tokens.count && ["…", "(", "["].contains(tokens[i + 1].text)) {
                open = i
            }
        }
        // A quote still open at the end: it ends where the writer's words begin, as one that never
        // closed before another opened.
        if let start = open { finish(unclosedEnd(from: start, before: tokens.count)) }
        return quotes
    }

    /// Whether a quote mark met while a quote is open opens another: it follows `:` (`Budi
    /// menambahkan: "…`), or it begins a sentence and a capitalised word follows, written apart from
    /// the word before it where the text's spacing is known (`… selesai. "Kami …`), while a closing
    /// mark is followed by a speech word, a lower-case word or punctuation.
    func opensAgain(_ i: Int) -> Bool {
        guard isWord(i + 1), !tokens[i + 1].sentenceStart, !tokens[i + 1].paragraphStart,
            !on(i + 1, .sayings), !on(i + 1, .verbs)
        else {
            return false
        }
        if lower[i - 1] == ":" { return true }
        guard isCapitalised(i + 1), isSentenceEnd(i - 1) || tokens[i].sentenceStart else { return false }
        if spaced { return tokens[i - 1].end < tokens[i].start && tokens[i].end == tokens[i + 1].start }
        return tokens[i].sentenceStart
    }

    /// Where a quote opened at `start` and never closed ends, an opening mark coming at `next`:
    /// where the text's paragraphs are not known, before the first sentence that reads as the
    /// writer's (`Rencananya, kata Argo, …`), else at the last sentence end.
    func unclosedEnd(from start: Int, before next: Int) -> Int {
        let last = lastSentenceEnd(before: next, after: start) ?? next - 1
        guard !spaced else { return last }
        var end = start + 1
        while end < last {
            if isSentenceEnd(end) {
                var k = end + 1
                while k < next && !isSentenceEnd(k) {
                    if on(k, .sayings) && !lower[k].hasSuffix("nya") && isCapitalised(k + 1)
                        || on(k, .verbs)
                            && (isCapitalised(k - 1) || on(k - 1, .pronouns))
                    {
                        return end
                    }
                    k += 1
                }
            }
            end += 1
        }
        return last
    }

    func lastSentenceEnd(before i: Int, after start: Int) -> Int? {
        var j = i - 1
        while j > start {
            if isSentenceEnd(j) { return j }
            j -= 1
        }
        return nil
    }
}
