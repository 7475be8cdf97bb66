/// Reported speech: `X mengatakan, …`, `menurut X, …`.
extension Context {
    /// `Budi mengatakan, …`, `Budi mengatakan bahwa …`, `Menurut Budi, …` in sentences without
    /// quote marks.
    func reportedSpeech(outside quotes: [TokenQuote]) -> [TokenQuote] {
        var taken = [Bool](repeating: false, count: tokens.count)
        for quote in quotes {
            for part in quote.parts { for i in part { taken[i] = true } }
            if let cue = quote.cue { for i in cue { taken[i] = true } }
        }
        var found: [TokenQuote] = []
        var start = 0
        while start < tokens.count {
            var end = start
            while end + 1 < tokens.count && !tokens[end + 1].sentenceStart && !tokens[end + 1].paragraphStart {
                end += 1
            }
            // A quote's closing mark may begin the sentence after it (`…siapkan." Dia mengatakan …`).
            var first = start
            while first < end && taken[first] { first += 1 }
            if !(first...end).contains(where: { isMark($0) || taken[$0] }),
                let quote = reported(in: first...end)
            {
                found.append(quote)
            }
            start = end + 1
        }
        return found
    }

    func reported(in sentence: ClosedRange<Int>) -> TokenQuote? {
        var last = sentence.upperBound
        while last > sentence.lowerBound && !isWord(last) { last -= 1 }
        if lower[sentence.lowerBound] == "menurut", let mention = speakerAfter(sentence.lowerBound) {
            var comma = mention.upperBound + 1
            while comma < last && lower[comma] != "," { comma += 1 }
            guard comma + 1 < last, comma - mention.upperBound < 12 else { return nil }
            return TokenQuote(
                kind: .indirect, parts: [(comma + 1)...last], cue: sentence.lowerBound...sentence.lowerBound,
                mention: mention)
        }
        for c in sentence where c < sentence.lowerBound + 16 && on(c, .verbs) {
            guard let mention = speakerBefore(c, limit: sentence.lowerBound),
                mention.lowerBound == sentence.lowerBound
                    || [",", "-", "–", "—"].contains(lower[mention.lowerBound - 1])
            else { continue }
            var k = c + 1
            // `mengatakan kepada wartawan di Jakarta, Rabu (24/8), …`: after such a phrase the content
            // follows `bahwa` or the first comma; else it follows the verb.
            if k < last && (on(k, .clauseWords) || lower[k] == "," || lower[k] == ":") {
                while k < last && k < c + 14 && lower[k] != "," && lower[k] != "bahwa" { k += 1 }
                guard k < last, k < c + 14 else { return nil }
            }
            while k < last && [",", "bahwa", ":", ")"].contains(lower[k]) { k += 1 }
            guard last - k >= 3 else { return nil }
            return TokenQuote(kind: .indirect, parts: [k...last], cue: c...c, mention: mention)
        }
        return nil
    }
}
