/// Speakers resolved to names: short forms, pronouns, descriptions and roles.
extension Context {
    /// Each quote's speaker: the name its mention stands for, with the role beside it; for `dia`
    /// and `-nya`, the speaker of the quote just before when nothing else came between, else the
    /// subject of the nearest sentence before that names a person; a quote without a cue goes on
    /// the words of the quote just before it, or has no speaker.
    func resolve(_ quotes: [TokenQuote]) -> [TokenQuote] {
        var result: [TokenQuote] = []
        var inQuote = [Bool](repeating: false, count: tokens.count)
        for quote in quotes where quote.kind == .direct {
            for part in quote.parts { for i in part { inQuote[i] = true } }
        }
        // People written as saying something: `Budi menjelaskan kasus itu masih diselidiki.`
        // People written as saying something (`Budi menjelaskan kasus itu masih diselidiki.`),
        // looked for once a pronoun needs them.
        var heardSpeakers: [(at: Int, name: String)]?
        func speakers() -> [(at: Int, name: String)] {
            if let heardSpeakers { return heardSpeakers }
            var found: [(at: Int, name: String)] = []
            for c in tokens.indices where on(c, .verbs) && !inQuote[c] {
                var start = c
                while start > 0 && !tokens[start].sentenceStart && !tokens[start].paragraphStart { start -= 1 }
                if let mention = speakerBefore(c, limit: start),
                    let person = people.last(where: { mention.contains($0.lowerBound) })
                {
                    found.append((c, fullest(stripped(person))))
                }
            }
            heardSpeakers = found
            return found
        }
        for var quote in quotes {
            let at = quote.parts[0].lowerBound
            let previous = result.last
            /// The previous quote's speaker when only its attribution lies between it and `index`.
            func continued(before index: Int) -> String? {
                guard let previous,
                    let end = [
                        previous.parts.last?.upperBound, previous.cue?.upperBound,
                        previous.mention?.upperBound,
                    ].compactMap({ $0 }).max(), end < index
                else { return nil }
                let between = (end + 1)..<index
                let narrative = between.count { isWord($0) && !inQuote[$0] }
                return narrative <= 2 ? previous.speaker : nil
            }
            /// Who `dia` or `-nya` at `index` is: the last one heard speaking in the few sentences
            /// before (a quote's speaker, or a person written as saying something), else the
            /// subject of the nearest sentence before that names a person.
            func pronoun(at index: Int) -> String? {
                if let said = continued(before: index) { return said }
                var heard = speakers().last { $0.at < index }
                if let previous, let speaker = previous.speaker,
                    let end = [previous.parts.last?.upperBound, previous.cue?.upperBound].compactMap({ $0 }).max(),
                    index > end, end > heard?.at ?? -1
                {
                    heard = (end, speaker)
                }
                if let heard, sentence[index] - sentence[heard.at] <= 3 { return heard.name }
                return subject(before: index, inQuote: inQuote)
            }
            if let mention = quote.mention {
                if mention.count == 1 && on(mention.lowerBound, .pronouns) {
                    quote.speaker = pronoun(at: min(at, mention.lowerBound))
                } else if mention.count > 1, on(mention.upperBound, .demonstratives),
                    !isCapitalised(mention.lowerBound) || on(mention.lowerBound, .roles)
                {
                    // `suami Mulan Jameela itu`: someone already named, described; the name inside is
                    // another's.
                    quote.speaker = pronoun(at: min(at, mention.lowerBound)) ?? text(mention)
                } else {
                    let (name, role) = nameAndRole(mention)
                    quote.mention = name
                    quote.role = role
                    if people.contains(where: { name.contains($0.lowerBound) }) || isName(name) {
                        quote.speaker = fullest(name)
                    } else if on(name.upperBound, .demonstratives) {
                        // `pelatih berusia 54 tahun itu`: a description of someone already named.
                        quote.speaker = pronoun(at: min(at, name.lowerBound)) ?? text(name)
                    } else if !isCapitalised(name.lowerBound) {
                        quote.speaker = text(name)
                    } else {
                        // `Presiden`, `Kapolres`: the person the text names with that role.
                        quote.speaker = person(withRole: name) ?? text(name)
                    }
                }
            } else if let cue = quote.cue {
                quote.speaker = pronoun(at: min(at, cue.lowerBound))
            } else {
                quote.speaker = continued(before: at)
            }
            result.append(quote)
        }
        return result
    }

    /// The person a pronoun before `index` stands for: the first person named, outside quotes, in
    /// the nearest sentence before it that names one (the sentence's subject, as Indonesian puts
    /// it first), in its fullest form.
    func subject(before index: Int, inQuote: [Bool]) -> String? {
        guard let last = people.last(where: { $0.upperBound < index && !inQuote[$0.lowerBound] }) else { return nil }
        var start = last.lowerBound
        while start > 0 && !tokens[start].sentenceStart && !tokens[start].paragraphStart { start -= 1 }
        let first = people.first { $0.lowerBound >= start && $0.upperBound < index && !inQuote[$0.lowerBound] } ?? last
        return fullest(stripped(first))
    }

    /// A mention's words as the text writes them: tokens it writes together stay together
    /// (`@carefree1965`, `Al-Ghazali`).
    func text(_ range: ClosedRange<Int>) -> String {
        var text = ""
        for i in range {
            let piece = tokens[i].text
            // No space before a comma or a full stop, nor after `@`.
            if i > range.lowerBound && !(spaced && tokens[i - 1].end == tokens[i].start) && !piece.hasPrefix(",")
                && !piece.hasPrefix(".") && !tokens[i - 1].text.hasSuffix("@")
            {
                text += " "
            }
            text += piece
        }
        return text
    }

    func trimmedRole(_ range: Range<Int>) -> String {
        var range = range
        // Ranks and honorifics end the role (`Kapolres AKBP` → `Kapolres`); offices are the role.
        while let last = range.last, [",", "."].contains(lower[last]) || on(last, .titles) && !on(last, .roles) {
            range = range.lowerBound..<last
        }
        return range.isEmpty ? "" : text(range.lowerBound...(range.upperBound - 1))
    }

    /// A name without the ranks and titles before it (`AKP Roland Manurung` → `Roland Manurung`).
    func stripped(_ range: ClosedRange<Int>) -> ClosedRange<Int> {
        // `Sumut Kombes Ferry Walintukan` (a role run into the name): the name follows the rank.
        var start = range.lowerBound
        var end = range.upperBound
        // `Husaini Ibrahim MA`: a degree after two or more words of the name.
        while end > start + 1 && on(end, .degrees) && isCapitalised(end) { end -= 1 }
        // `BI Perry Warjiyo` of `Gubernur BI Perry Warjiyo`: after an office, a body's acronym
        // before two or more words of a name (not initials: `harapnya BW Purba Negara`).
        if end - start >= 2, tokens[start].text.count >= 2, tokens[start].text.allSatisfy(\.isUppercase),
            !on(start, .titles), on(start - 1, .roles) || on(start - 1, .titles),
            (start + 1...end).allSatisfy({ isNameWord($0) || isInitial($0) })
        {
            start += 1
        }
        let range = withoutOffice(start...end)
        start = range.lowerBound
        if let rank = range.last(where: { on($0, .ranks) }), rank < range.upperBound {
            start = rank
        }
        while start < range.upperBound
            && (on(start, .titles) || lower[start] == "." || lower[start] == ",")
        {
            start += 1
        }
        return start...range.upperBound
    }

    /// A name without the office's words run into it (`Kerja Sama ASEAN Kementerian Luar Negeri
    /// Jose Tavares`, capitalised throughout, as the tagger may find it): the two or more name words
    /// after the last of them.
    func withoutOffice(_ person: ClosedRange<Int>) -> ClosedRange<Int> {
        guard person.count >= 4, person.allSatisfy(isCapitalised),
            let office = person.last(where: { on($0, .roleParts) || on($0, .roles) }),
            person.upperBound - office >= 2, (office + 1...person.upperBound).allSatisfy(isNameWord)
        else { return person }
        return (office + 1)...person.upperBound
    }

    /// Names a short form may stand for: the tagger's people first, then runs of capitalised words
    /// the tagger missed, each with its words; worked out once a text.
    func nameCandidates() -> [(range: ClosedRange<Int>, words: Set<String>)] {
        if let known = cache.candidates { return known }
        let candidates = (people + names).map(stripped).filter {
            $0.count <= 5 && !inTitle($0.lowerBound)
        }.map {
            (range: $0, words: Set($0.map { lower[$0] }))
        }
        cache.candidates = candidates
        return candidates
    }

    /// The fullest form the text gives of a name: the longest person name that has all its words.
    func fullest(_ range: ClosedRange<Int>) -> String {
        let words = Set(range.map { lower[$0] }.filter { $0 != "." })
        var best = text(range)
        var bestCount = range.count
        // Not the run the name was cut from, grown back to the left (`EV Hive Carlson Lau` for
        // `Carlson Lau` of `CEO EV Hive Carlson Lau`).
        for candidate in nameCandidates() where candidate.range.count > bestCount {
            let grownBack = candidate.range.contains(range.lowerBound) && candidate.range.lowerBound < range.lowerBound
            if candidate.range.count <= range.count + 2 && words.isSubset(of: candidate.words) && !grownBack {
                best = text(candidate.range)
                bestCount = candidate.range.count
            }
        }
        return best
    }
}
