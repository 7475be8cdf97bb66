/// Where a quote says who spoke: its cue and the speaker as written.
extension Context {
    /// The quote with its cue and speaker as written, when the text gives them.
    func attribute(_ parts: [ClosedRange<Int>]) -> TokenQuote? {
        var quote = TokenQuote(kind: .direct, parts: parts)
        let first = parts[0].lowerBound
        let last = parts[parts.count - 1].upperBound
        let closed = isMark(last)
        let words = parts.reduce(0) { $0 + wordCount($1) }
        // Just before: `Budi mengatakan, "…"`, `Menurut Budi, "…"`.
        if let found = cueBefore(first, near: true) {
            (quote.cue, quote.mention) = found
        } else if closed, let found = cueAfter(last) {
            (quote.cue, quote.mention) = found
        } else if let found = cueBefore(first, near: false) {
            // A word or two set off inside a sentence (`menyebut tradisi itu "ngabuburit"`) is the
            // writer's, not a quote.
            let ended =
                isSentenceEnd(last - 1) || isSentenceEnd(last + 1) || last + 1 >= tokens.count
                || tokens[last + 1].paragraphStart
            if words <= 2 && !ended { return nil }
            (quote.cue, quote.mention) = found
        }
        // Unattributed short quotes are words set off (`istilah "ngabuburit"`), not speech; so are
        // titles and names, their words capitalised (`musikal "A Tale of Two Cities"`).
        if quote.cue == nil, quote.mention == nil, words <= 3 || words <= 8 && isTitled(parts) { return nil }
        return quote
    }

    /// Whether quoted words read as a title or a name: every word capitalised but the few that
    /// join a title's words (`of`, `the`, `dan`).
    func isTitled(_ parts: [ClosedRange<Int>]) -> Bool {
        let joining: Set<String> = ["of", "the", "and", "a", "an", "in", "on", "to", "for", "dan", "di", "ke", "dari"]
        let words = parts.flatMap { $0.filter { isWord($0) } }
        return !words.isEmpty && words.allSatisfy { isCapitalised($0) || joining.contains(lower[$0]) }
    }

    /// The cue and speaker after a closing mark: `"…," kata Budi`, `"…," ujarnya`, `"…," Budi
    /// menambahkan`.
    func cueAfter(_ mark: Int) -> (ClosedRange<Int>?, ClosedRange<Int>?)? {
        var k = mark + 1
        // Marks a page hides (`\u{200E}`) and the comma after the mark are passed over.
        while k < tokens.count && !tokens[k].paragraphStart && (isInvisible(k) || lower[k] == "," && k == mark + 1) {
            k += 1
        }
        guard k < tokens.count, !tokens[k].paragraphStart else { return nil }
        // A capitalised speech word after a quote that ends in a comma still attributes it (`"…,"
        // Kata Renhard`); elsewhere it is a headline's.
        if (on(k, .sayings) || on(k, .verbs)) && (!isCapitalised(k) || lower[mark - 1] == ",") && !isIdiom(k) {
            return (k...k, speakerAfter(k))
        }
        // `"…," keterangan Lion Air`, `"…," tulis laman resmi PSIM`: a statement's noun as the cue.
        if on(k, .statements), !on(k, .sayings), !isCapitalised(k), lower[mark - 1] == ",",
            let author = statementAuthor(from: k)
        {
            return (k...k, author)
        }
        // `"…," demikian canda Zokora`: the speech word after `demikian` (or `begitu`).
        let thus = ["demikian", "begitu"].contains(lower[k])
        if thus, k + 1 < tokens.count, on(k + 1, .sayings) || on(k + 1, .verbs) {
            return ((k + 1)...(k + 1), speakerAfter(k + 1))
        }
        // `"…," demikian dikutip dari akun X TMC Polda Metro Jaya`: whose account it was quoted from.
        if thus, k + 2 < tokens.count, lower[k + 1] == "dikutip", lower[k + 2] == "dari" {
            return ((k + 1)...(k + 1), statementAuthor(from: k + 3))
        }
        // `"…," demikian pernyataan Mattel`, `"…," demikian isi kicauan McLaughlin`.
        if lower[k] == "demikian" || lower[k] == "bunyi" || thus && k + 1 < tokens.count && on(k + 1, .statements) {
            var end = k
            while end < k + 3 && end + 1 < tokens.count && on(end + 1, .statements) { end += 1 }
            // `demikian pernyataan resmi yang dikeluarkan perwakilan Amazon`: who gave it out.
            if end > k, end + 2 < tokens.count, lower[end + 1] == "yang", lower[end + 2].hasPrefix("di") {
                return (k...end, speakerAfter(end + 2))
            }
            return (k...end, speakerAfter(end, anyWord: false))
        }
        // `"…," Budi menambahkan`, `"…," wanita berusia 31 tahun itu menegaskan`; not after a
        // quote that ended its sentence (`…." Dia mengatakan …` starts a sentence of its own).
        guard !isSentenceEnd(mark - 1) else { return nil }
        var j = k
        while j < tokens.count && j < k + 8 && !tokens[j].paragraphStart
            && (mayName(j) || on(j, .pronouns) || on(j, .adverbs)
                || on(j, .demonstratives))
        {
            if on(j, .verbs) || on(j, .sayings) { break }
            j += 1
        }
        if j > k, j < tokens.count, on(j, .verbs) || on(j, .sayings) {
            return (j...j, speakerBefore(j, limit: k))
        }
        return nil
    }

    /// The cue and speaker before an opening mark in its sentence; `near`: only right before it
    /// (`Budi mengatakan, "…"`, `Budi mengatakan bahwa "…"`, `kata Budi: "…"`).
    func cueBefore(_ mark: Int, near: Bool) -> (ClosedRange<Int>?, ClosedRange<Int>?)? {
        guard !tokens[mark].paragraphStart || !near else { return nil }
        var start = mark
        while start > 0 && !tokens[start].paragraphStart && !(tokens[start].sentenceStart && start < mark - 1) {
            start -= 1
        }
        if tokens[mark].paragraphStart { return nil }
        let low = max(start, mark - (near ? 16 : 30))
        var c = mark - 1
        while c >= low {
            if isMark(c) { return nil }
            let word = lower[c]
            // A capitalised speech word inside a sentence is a headline's (`Milla Puji Penampilan …`).
            let titled =
                isCapitalised(c) && !tokens[c].sentenceStart && !tokens[c].paragraphStart || isIdiom(c)
            if on(c, .verbs) && !titled {
                if near && !onlyLinks((c + 1)..<mark) { return nil }
                let speaker = speakerBefore(c, limit: start)
                if speaker != nil || word.hasSuffix("nya") { return (c...c, speaker) }
                if near { return (c...c, nil) }
            } else if (on(c, .according) || on(c, .sayings)) && !titled {
                if word.hasSuffix("nya") {
                    if near && !onlyLinks((c + 1)..<mark) { return nil }
                    return (c...c, nil)
                }
                if let speaker = speakerAfter(c), speaker.upperBound < mark {
                    if near && !onlyLinks((speaker.upperBound + 1)..<mark) { return nil }
                    return (c...c, speaker)
                }
            }
            if near && c < mark - 4 && !mayName(c) && !onlyLinks(c..<(c + 1)) { return nil }
            c -= 1
        }
        return nil
    }

    /// Whether a speech word is part of a phrase that reports no one: `dengan kata lain` (in
    /// other words), `kata kunci`, `kata sandi`.
    func isIdiom(_ c: Int) -> Bool {
        guard lower[c] == "kata" else { return false }
        return c > 0 && lower[c - 1] == "dengan"
            || c + 1 < tokens.count && !isCapitalised(c + 1)
                && ["lain", "kunci", "sandi", "demi"].contains(lower[c + 1])
    }

    /// Whether the tokens only link an attribution to its quote: `,`, `:`, `bahwa`.
    func onlyLinks(_ range: Range<Int>) -> Bool {
        range.allSatisfy { [",", ":", "bahwa", "-", "—"].contains(lower[$0]) || isInvisible($0) }
    }

    /// A token of characters a page does not show: direction marks, zero-width spaces.
    func isInvisible(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && !tokens[i].text.isEmpty
            && tokens[i].text.unicodeScalars.allSatisfy { $0.properties.generalCategory == .format }
    }

    /// Whether a token may stand in a speaker's mention: a capitalised word, a number (`Densus
    /// 88`), a role word (`pelatih`), a word that joins names (`bin`).
    func mayName(_ i: Int) -> Bool {
        let word = lower[i]
        return isCapitalised(i) && isWord(i) || QuoteWords.roles.contains(word) || QuoteWords.connectors.contains(word)
            || QuoteWords.describing.contains(word) || (isWord(i) && word.first?.isNumber == true)
    }

    /// The speaker's mention after a cue, role and name: `kata Budi`, `kata dia`, `kata Kapolres
    /// AKBP Budi`, `ujar pelatih Persib, Bojan Hodak`, `ujar mantan pelatih Lazio itu`; nil for
    /// `ujarnya`.
    func speakerAfter(_ cue: Int, anyWord: Bool = true) -> ClosedRange<Int>? {
        let k = cue + 1
        if lower[cue].hasSuffix("nya") && lower[cue] != "tanya" && !on(cue, .verbs) {
            // `harapnya BW Purba Negara`: a name written right after it all the same.
            guard k < tokens.count, !tokens[k].paragraphStart, !tokens[k].sentenceStart,
                let person = personAt(k) ?? names.first(where: { $0.lowerBound == k }), person.lowerBound == k
            else { return nil }
            return person
        }
        guard k < tokens.count, !tokens[k].paragraphStart, !tokens[k].sentenceStart || !spaced else { return nil }
        if on(k, .pronouns) { return k...k }
        if let called = calledName(from: k) { return called }
        if let author = statementAuthor(from: k) { return author }
        if let end = handleEnd(from: k) { return k...end }
        var j = k
        // `kata perusahaan`, `ucap perekam video`: a noun of who spoke.
        if anyWord && isWord(k) && !isCapitalised(k) && !mayName(k) && !on(k, .clauseWords)
            && !on(k, .functionWords) && lower[k].first?.isNumber != true
        {
            j += 1
        }
        var commas = 0
        // (A sentence may seem to begin after a rank's full stop: `Capt. Hasudungan`.)
        while j < tokens.count && j < k + 18
            && (j == k || !tokens[j].paragraphStart && (!tokens[j].sentenceStart || isRankStop(j - 1)))
        {
            let word = lower[j]
            if isMark(j) { break }
            if mayName(j) {
                j += 1
            } else if ["di", "dan", "&", "of", "/"].contains(word) && j > k && isCapitalised(j + 1) && isWord(j + 1)
                && !on(j + 1, .dayNames) && !(word == "di" && on(j + 1, .platforms)) && !personInRun(k..<j)
                && !(word == "di" && (k..<j).allSatisfy(isNameWord))
            {
                // Not after a bare name: `tutur Marcella di Kejagung` is where she spoke.
                // `Dirjen PBB di Jenewa Michael Moller`, `Direktur Teknologi dan Informasi BPJS …`.
                j += 1
            } else if word == "(", let close = (j + 1..<min(j + 7, tokens.count)).first(where: { lower[$0] == ")" }),
                j > k
            {
                // `(WAE)`, `(35)`: an acronym or an age.
                j = close + 1
            } else if word == "," && j > k && commas < 2 && j + 1 < tokens.count && isCapitalised(j + 1)
                && isWord(j + 1) && !on(j + 1, .dayNames)
                && !(j + 2 < tokens.count && lower[j + 2] == "(")
            {
                commas += 1
                j += 1
            } else if word == "-" && j > k && isCapitalised(j - 1) && isCapitalised(j + 1) && isWord(j + 1) {
                // `Jean-Michel Aulas`, as a tokenizer may split it.
                j += 1
            } else if word == "." && j > k && (on(j - 1, .titles) || isInitial(j - 1)) && isCapitalised(j + 1) {
                // `dr. Roro`, `Randy R. Murdoko`.
                j += 1
            } else if isWord(j) && !isCapitalised(j) && !on(j, .clauseWords) && !on(j, .functionWords)
                && j < k + 3 && j + 1 < tokens.count,
                let person = (j + 1...min(j + 3, tokens.count - 1)).first(where: { personAt($0) != nil }),
                (j + 1..<person).allSatisfy({ isWord($0) && !isCapitalised($0) && !on($0, .clauseWords) })
            {
                // `kata perancang busana Hitomi Komaki`: lower-case words of a role, then the name.
                j = person
            } else if j > k && j < k + 4 && (k..<j).allSatisfy({ !isCapitalised($0) }), let end = modifiersEnd(from: j)
            {
                // `kata seorang saksi mata`, `ujar salah sumber terpercaya di Real Madrid`: the words
                // that qualify a role named without a name.
                j = end + 1
            } else {
                break
            }
        }
        // `tambah pemain yang kini memperkuat Persib Bandung itu`: a description up to its demonstrative.
        if !isCapitalised(k) || on(k, .roles), let end = describedUntil(from: k), end >= j { return k...end }
        // `kata kader PDIP sekaligus advokat, Wiradarma Harefa`: a description, a comma, a name.
        if let name = appositiveName(after: j, from: k) { return k...name }
        while j > k && [",", ".", "("].contains(lower[j - 1]) { j -= 1 }
        // A description ends with its demonstrative: `ujar pria 31 tahun itu`.
        if j > k, j < tokens.count, on(j, .demonstratives), !isCapitalised(k) { j += 1 }
        return j > k ? k...(j - 1) : nil
    }

    /// The last of one or two lower-case words from `start` that qualify a role (`mata` of `saksi
    /// mata`, `terpercaya`), when the mention ends right after them; nil for a verb or a clause
    /// going on (`ujar korban menahan tangis`).
    func modifiersEnd(from start: Int) -> Int? {
        let notModifier: WordClass = [
            .clauseWords, .functionWords, .verbs, .sayings, .demonstratives, .adverbs, .pronouns, .dayNames,
            .according, .statements,
        ]
        func modifies(_ i: Int) -> Bool {
            guard i < tokens.count, isWord(i), !isCapitalised(i), classes[i].intersection(notModifier).isEmpty,
                !tokens[i].sentenceStart, lower[i].first?.isNumber == false
            else { return false }
            // Verbs: `me-`, `ber-`, `di-` forms.
            return !["me", "ber", "di"].contains { lower[i].hasPrefix($0) }
        }
        guard modifies(start) else { return nil }
        let end = modifies(start + 1) ? start + 1 : start
        let next = end + 1
        guard
            next >= tokens.count || tokens[next].sentenceStart || tokens[next].paragraphStart || isSentenceEnd(next)
                || [",", ")"].contains(lower[next]) || isMark(next) || on(next, .demonstratives)
                || on(next, .clauseWords) && lower[next] != "di" || lower[next] == "di" && isCapitalised(next + 1)
        else { return nil }
        return end
    }

    /// Whether a full stop ends a rank or title written before a name (`Capt.`, `dr.`), not a sentence.
    func isRankStop(_ i: Int) -> Bool {
        i > 0 && lower[i] == "." && on(i - 1, .titles) && !on(i - 1, [.roles]) && !on(i - 1, [.degrees])
            && lower[i - 1].count <= 5
            && isCapitalised(i + 1) && !tokens[i].paragraphStart
    }

    /// The name a description begun at `start` gives its person by (`pria yang akrab disapa
    /// Rendi`, `seorang warga bernama Budi`), within a few words and before the sentence goes on.
    func calledName(from start: Int) -> ClosedRange<Int>? {
        var j = start
        while j + 1 < tokens.count && j < start + 6 {
            if j > start && (tokens[j].sentenceStart || tokens[j].paragraphStart) || isMark(j) || isSentenceEnd(j)
                || lower[j] == ","
            {
                return nil
            }
            if ["disapa", "dipanggil", "bernama", "sapaan", "panggilan"].contains(lower[j]), isCapitalised(j + 1),
                isWord(j + 1),
                !tokens[j + 1].sentenceStart
            {
                return (j + 1)...nameRunEnd(from: j + 1)
            }
            j += 1
        }
        return nil
    }

    /// Whose statement or account a mention begun at `start` names (`sambung pernyataan resmi
    /// Persebaya`, `tulis akun Instagram Kementerian Ketenagakerjaan`): the capitalised words after
    /// the statement's words and the platform's.
    func statementAuthor(from start: Int) -> ClosedRange<Int>? {
        guard on(start, .statements), !isCapitalised(start) else { return nil }
        var j = start
        while j < tokens.count && j < start + 5
            && (on(j, .statements) || on(j, .platforms) && j > start || lower[j] == "dari" && j > start)
        {
            j += 1
        }
        guard j < tokens.count, !tokens[j].sentenceStart, !tokens[j].paragraphStart else { return nil }
        // `tulis akun @dewamade2002`: the account's handle.
        if let end = handleEnd(from: j) { return j...end }
        guard isNameWord(j) else { return nil }
        // A body's name runs on over office words (`TMC Polda Metro Jaya`, `Kementerian Keuangan`).
        var end = j
        while end + 1 < tokens.count && isCapitalised(end + 1) && isWord(end + 1) && !tokens[end + 1].sentenceStart
            && !on(end + 1, .dayNames)
        {
            end += 1
        }
        return j...end
    }

    /// The last of the name words that follow `start` in its sentence (`start` when none do).
    func nameRunEnd(from start: Int) -> Int {
        var end = start
        while end + 1 < tokens.count && isNameWord(end + 1) && !tokens[end + 1].sentenceStart { end += 1 }
        return end
    }

    /// The end of an account's handle begun at `start` (`@carefree1965`, `@ sekretariat . kabinet`,
    /// as a tokenizer may split it), when one begins there.
    func handleEnd(from start: Int) -> Int? {
        guard start < tokens.count, tokens[start].text.hasPrefix("@") else { return nil }
        var end = start
        if tokens[start].text == "@" {
            guard isWord(start + 1), joined(start, start + 1) else { return nil }
            end = start + 1
        }
        // `.` and `_` inside the handle, between words written on.
        while end + 2 < tokens.count, [".", "_"].contains(tokens[end + 1].text), isWord(end + 2),
            joined(end, end + 1), joined(end + 1, end + 2), !isCapitalised(end + 2)
        {
            end += 2
        }
        return end
    }

    /// Whether two tokens follow one another with no space between, as far as the text shows: in
    /// tokens joined by spaces, when the second starts no sentence.
    func joined(_ a: Int, _ b: Int) -> Bool {
        spaced ? tokens[a].end == tokens[b].start : !tokens[b].sentenceStart && !tokens[b].paragraphStart
    }

    /// The end of a person's name written after a comma a few words on from `from` (the mention
    /// so far ending before `stop`), when nothing between starts a clause.
    func appositiveName(after stop: Int, from: Int) -> Int? {
        var j = stop
        while j < tokens.count && j < from + 24 {
            // `dari` and `di` may stand in the description (`spesialis gigi dari RSCM`).
            if isMark(j) || isSentenceEnd(j) || tokens[j].paragraphStart || tokens[j].sentenceStart && j > from
                || on(j, .clauseWords) && !["dari", "di"].contains(lower[j])
            {
                return nil
            }
            if lower[j] == "," {
                var n = j + 1
                var ranked = false
                while n < tokens.count && n < j + 4 && (on(n, .titles) || lower[n] == ".") {
                    ranked = ranked || on(n, .ranks) || on(n, .titles)
                    n += 1
                }
                if n < tokens.count, let person = personAt(n), person.lowerBound >= j + 1 { return person.upperBound }
                // A name the tagger missed: a run of capitalised words, or one after a rank (`AKBP Budiyanto`).
                if n < tokens.count, let run = names.first(where: { $0.lowerBound == n }) { return run.upperBound }
                if ranked, n < tokens.count, isCapitalised(n), isWord(n), !on(n, .roles) {
                    return n
                }
            }
            if lower[j] == "," && j > stop { return nil }
            j += 1
        }
        return nil
    }

    func personInRun(_ range: Range<Int>) -> Bool { range.contains { personAt($0) != nil } }

    /// A capitalised word that is no role, rank or office: part of a name.
    func isNameWord(_ i: Int) -> Bool {
        isCapitalised(i) && isWord(i)
            && classes[i].isDisjoint(with: [.roles, .titles, .roleParts, .openers, .clauseWords])
    }

    /// A single capital letter: an initial (`R.` in `Randy R. Murdoko`).
    func isInitial(_ i: Int) -> Bool { tokens[i].text.count == 1 && isCapitalised(i) }

    /// The demonstrative that ends a description of the speaker begun at `start` (`pemain yang kini
    /// memperkuat Persib Bandung itu`), when one ends it within twenty words, before the sentence
    /// or a clause of place and time goes on.
    func describedUntil(from start: Int) -> Int? {
        var j = start
        while j < tokens.count && j < start + 20 {
            if j > start && (tokens[j].sentenceStart || tokens[j].paragraphStart) || isMark(j) || isSentenceEnd(j)
                || lower[j] == "," || on(j, .pronouns)
                || on(j, .clauseWords) && !["yang", "dengan", "di", "dari"].contains(lower[j])
            {
                return nil
            }
            // `belum lama ini`, `hari ini`, `tahun ini`: when, not who (but `pria 31 tahun itu`).
            if on(j, .demonstratives) && j > start + 1 && Context.timeWords.contains(lower[j - 1])
                && !(lower[j - 1] == "tahun" && lower[j - 2].first?.isNumber == true)
            {
                return nil
            }
            if on(j, .demonstratives) && j > start {
                let next = j + 1
                // Not before a comma and a name: that is the speaker (`CEO … produk ini, Azar Talibzade`).
                let appositive = next + 1 < tokens.count && lower[next] == "," && isCapitalised(next + 1)
                // (Or before where and when it was said: `pendiri band Dewa 19 itu saat ditemui`.)
                let ends =
                    next >= tokens.count || isSentenceEnd(next) || lower[next] == "," && !appositive
                    || isMark(next) || tokens[next].sentenceStart || tokens[next].paragraphStart
                    || on(next, .clauseWords) && !["yang", "dengan", "dari"].contains(lower[next])
                return ends ? j : nil
            }
            j += 1
        }
        return nil
    }

    /// The speaker's mention before a speech verb: `Budi mengatakan`, `Kapolres AKBP Budi pun
    /// mengatakan`, `Dia menjelaskan`, `wanita berusia 31 tahun itu menegaskan`.
    func speakerBefore(_ cue: Int, limit: Int) -> ClosedRange<Int>? {
        var end = cue - 1
        var skipped = 0
        while end >= limit && skipped < 3 && (on(end, .adverbs) || lower[end] == ",") {
            end -= 1
            skipped += 1
        }
        guard end >= limit else { return nil }
        // `CEO Ankiti Bose dalam rilisnya mengatakan`, `Laurent Lamothe, melalui akun Twitternya
        // mengatakan`: where the speaker said it, between the name and the verb.
        if lower[end].hasSuffix("nya"), !on(end, .pronouns),
            let channel = stride(from: end - 1, through: max(limit, end - 4), by: -1).first(where: {
                ["dalam", "melalui", "lewat", "via"].contains(lower[$0])
            }),
            (channel + 1..<end).allSatisfy({ isWord($0) }), channel - 1 >= limit
        {
            end = channel - 1
            if lower[end] == ",", end - 1 >= limit { end -= 1 }
        }
        if on(end, .pronouns) { return end...end }
        while end > limit && on(end, .demonstratives) { end -= 1 }
        var start = end
        var commas = 0
        while start >= limit {
            let word = lower[start]
            if mayName(start) {
                start -= 1
            } else if word == ")", start > limit,
                let open = stride(from: start - 1, through: max(limit, start - 6), by: -1).first(where: {
                    lower[$0] == "("
                })
            {
                start = open - 1
            } else if word == "," && start > limit && start < end && commas < 2 && isCapitalised(start - 1) {
                commas += 1
                start -= 1
            } else if word == "." && start > limit && on(start - 1, .titles) {
                start -= 1
            } else {
                break
            }
        }
        start += 1
        // `Di Washington, Menteri Luar Negeri AS, Antony Blinken mengatakan`: a sentence's opening
        // phrase is not the speaker.
        if start < end, on(start, .clauseWords) || on(start, .openers) {
            start = ((start + 1)...end).first { lower[$0] == "," }.map { $0 + 1 } ?? start + 1
        }
        while start <= end && [",", ".", ")"].contains(lower[start]) { start += 1 }
        guard start <= end,
            isCapitalised(start) || on(start, .roles)
                || on(start, .describing)
        else { return nil }
        return start...end
    }

    /// A mention split into the speaker's name and the role written beside it: the person the
    /// entity tagger finds in it (the last one), else the part after a comma (`Kepala Humas,
    /// Budi`), else the words after a rank (`Kombes Budi`), else the whole mention (`Kapolres`).
    func nameAndRole(_ mention: ClosedRange<Int>) -> (name: ClosedRange<Int>, role: String?) {
        // An account's or a statement's author (`akun X TMC Polda Metro Jaya`) is named whole.
        let before = mention.lowerBound - 1
        if on(before, .statements) && !on(before, .sayings) || on(before, .platforms), isCapitalised(mention.lowerBound)
        {
            return (mention, nil)
        }
        var segments: [ClosedRange<Int>] = []
        var start = mention.lowerBound
        for i in mention where lower[i] == "," {
            if i > start { segments.append(start...(i - 1)) }
            start = i + 1
        }
        if start <= mention.upperBound { segments.append(start...mention.upperBound) }
        func role(before name: ClosedRange<Int>) -> String? {
            let text = trimmedRole(mention.lowerBound..<name.lowerBound)
            if !text.isEmpty { return text }
            // An appositive after the name: `Budi, Ketua RT`.
            guard name.upperBound < mention.upperBound else { return nil }
            let after = trimmedRole((name.upperBound + 1)..<(mention.upperBound + 1))
            return after.isEmpty ? nil : after
        }
        // `CEO Warung Pintar Agung Bezharie`: a role, an organisation and a name run together, with
        // no person the tagger ends the mention with: the last two words are the name.
        if segments.count == 1, on(mention.lowerBound, [.roles]) || on(mention.lowerBound, [.roleParts]),
            mention.count >= 4,
            !people.contains(where: { $0.upperBound == mention.upperBound && mention.contains($0.lowerBound) }),
            (mention.upperBound - 2...mention.upperBound).allSatisfy(isNameWord)
        {
            let name = (mention.upperBound - 1)...mention.upperBound
            return (name, role(before: name))
        }
        // The person named last, unless after `di` (`kata Rony Parulian di Studio Entek City, Daan
        // Mogot`: a place).
        let venue = mention.first { lower[$0] == "di" }
        // (Not a title the tagger took for a person: `Ny.` of `Ny. Isah`.)
        let named = people.filter { mention.contains($0.lowerBound) && $0.contains(where: isNameWord) }
        // A mention that opens with a name gives its role after it (`Hafid Hadeli, Wakil Direktur
        // Adira Finance`); one that opens with a lower-case role and a comma names the speaker after
        // the comma (`kakak Alyssa Daguise, Alexandra`).
        let opening = stripped(mention).lowerBound
        // `Swandajani Gunadi selaku Direktur SDM Adira Finance`: a name, then what the person is.
        if let capacity = mention.first(where: { ["selaku", "sebagai"].contains(lower[$0]) }), capacity > opening,
            (opening..<capacity).allSatisfy({ isNameWord($0) || isInitial($0) || lower[$0] == "." })
        {
            let name = opening...(capacity - 1)
            let after = trimmedRole((capacity + 1)..<(mention.upperBound + 1))
            return (name, after.isEmpty ? nil : after)
        }
        // `Waketum Projo, Freddy Alex Damanik`: a role and its body, a comma, then a name the
        // tagger finds, which opens the last part.
        if segments.count > 1, let last = segments.last, let first = named.last,
            first.lowerBound == stripped(last).lowerBound, isNameWord(first.lowerBound),
            !named.contains(where: { $0.lowerBound == opening }) || segments[0].contains(where: { on($0, .titles) })
        {
            let name = stripped(first.lowerBound...min(first.upperBound, mention.upperBound))
            return (name, role(before: name))
        }
        if let first = named.first, first.lowerBound == opening,
            !first.contains(where: { on($0, [.roles, .roleParts]) })
        {
            let name = stripped(first.lowerBound...min(first.upperBound, mention.upperBound))
            return (name, role(before: name))
        }
        if !isCapitalised(mention.lowerBound), segments.count > 1, let last = segments.last,
            isCapitalised(stripped(last).lowerBound)
        {
            let name = stripped(last)
            return (name, role(before: name))
        }
        if let person = named.last(where: { venue == nil || $0.lowerBound < venue! }) ?? named.last {
            let name = stripped(person.lowerBound...min(person.upperBound, mention.upperBound))
            return (name, role(before: name))
        }
        if segments.count > 1, let last = segments.last,
            isCapitalised(last.lowerBound) || on(last.lowerBound, .titles)
        {
            let name = stripped(last)
            return (name, role(before: name))
        }
        if let rank = mention.last(where: { on($0, .titles) && $0 < mention.upperBound }),
            rank > mention.lowerBound, isCapitalised(stripped(rank...mention.upperBound).lowerBound)
        {
            let name = stripped(rank...mention.upperBound)
            return (name, role(before: name))
        }
        // `Menaker Hanif`, `Yuni (31) warga Cempaka Putih`: past the role words, the capitalised
        // words up to a parenthesis or a lower-case word.
        let notName: WordClass = [.roles, .titles, .roleParts]
        // (Past an abbreviated title and its full stop: `Ny. Isah`.)
        let titleStop = { (i: Int) in
            lower[i] == "." || on(i, .titles) && i < mention.upperBound && lower[i + 1] == "."
        }
        if let first = mention.first(where: { !on($0, notName) && !titleStop($0) }), isCapitalised(first),
            isWord(first)
        {
            var last = first
            while last < mention.upperBound && isCapitalised(last + 1) && isWord(last + 1) && !on(last + 1, notName) {
                last += 1
            }
            // `Gubernur Hamedan`, `Kapolres Metro Jakarta Selatan`: the words after the role name a
            // place or a body, not a person; the role is all the text gives of the speaker.
            if first > mention.lowerBound, (first...last).allSatisfy({ othersAt[$0] }) {
                return (mention, nil)
            }
            if first > mention.lowerBound || last < mention.upperBound {
                let name = first...last
                return (name, role(before: name))
            }
        }
        // `Jaksa Agung`: an office throughout, its rank word included.
        if stripped(mention).allSatisfy({ on($0, .roleParts) }) { return (mention, nil) }
        return (stripped(mention), nil)
    }
}
