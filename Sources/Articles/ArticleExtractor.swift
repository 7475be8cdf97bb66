import Foundation

/// Reads a scraped page: finds outlet, title and publication date, and labels every line.
public struct ArticleExtractor: Sendable {
    /// Brand names and their domains, for datelines such as `Jakarta (ANTARA) -`.
    public var outlets: OutletDirectory
    /// The trained model that decides which lines are the article's body and which is its headline,
    /// the wording rules' judgement among its evidence; nil for the rules alone.
    public var lineModel: LineModel?

    public init(outlets: OutletDirectory = .bundled, lineModel: LineModel? = .bundled) {
        self.outlets = outlets
        self.lineModel = lineModel
    }

    /// Increase when the wording rules change what they make of a page.
    public static let rulesVersion = 6

    /// What reads pages: the rules' version, the templates' line hashes, the line model and the
    /// outlet table. An index made with another identity is read again.
    public var identity: String {
        let model = lineModel.map { String($0.digest, radix: 16) } ?? "none"
        return
            "rules \(Self.rulesVersion); templates \(PageTemplates.version); lines \(model); outlets \(String(outlets.digest, radix: 16))"
    }

    /// Extracts metadata and line labels from normalised text (see `ArticleText.decode`).
    /// `path`, the file's path within its store, lets folder names name the outlet when the text
    /// does not. `templates`, the evidence of the page's group (see `look(_:path:)`), marks the
    /// lines the group's pages share as furniture; without it, every page is read on its own.
    public func extract(
        _ text: String, path: String? = nil, templates: PageTemplates? = nil, evidence: PageEvidence? = nil
    ) -> ExtractedArticle {
        var (lines, facts, metadata, edges) = readByWording(text)
        // The first date of each line's wording, found once for the steps that ask (nil: not yet).
        var dateMatches = [DateScanner.Match??](repeating: nil, count: lines.count)
        func dateMatch(_ i: Int) -> DateScanner.Match? {
            if let known = dateMatches[i] { return known }
            let found = DateScanner.firstMatch(in: facts[i].trimmed)
            dateMatches[i] = .some(found)
            return found
        }

        // 1b. Lines that recur on many pages of the outlet, away from the article's prose.
        if let templates, templates.pageCount >= PageTemplates.furnitureMinimumPages {
            markTemplates(&lines, facts: facts, templates: templates, dateMatch: dateMatch)
        }

        // 2. The first and last prose lines bound the article; page furniture lies outside.
        let prose = lines.indices.filter { lines[$0].kind == .body && facts[$0].isProse }
        let firstProse = prose.first ?? lines.count
        let lastProse = prose.last ?? -1

        // 3. Site name, date lines and the title in the header; related lists anywhere.
        var title: String?
        var inRelatedList = false
        // A scraper's record opens with its headline over the date line, whatever the headline ends
        // with (`… Lagi!`, `… Ramadan.`), where a page's header is read for a title-shaped line.
        // (A line of the scraper's own, an address or a record, may stand above them.)
        let nonBlank = lines.indices.lazy.filter { lines[$0].kind != .blank && lines[$0].kind != .metadata }
        var recordHeadline: Int?
        var recordByline: Int?
        if let first = nonBlank.first, let second = nonBlank.dropFirst().first, lines[first].kind == .body,
            lines[second].kind == .body || lines[second].kind == .credit,
            (3...30).contains(facts[first].wordCount), !facts[first].hasDateline, !facts[first].trimmed.hasSuffix(":")
        {
            func isDateLine(_ i: Int) -> Bool {
                guard let match = dateMatch(i) else { return false }
                return match.otherWords <= 3 && facts[i].wordCount <= 16
            }
            if lines[second].kind == .body, isDateLine(second) {
                recordHeadline = first
            } else if let third = nonBlank.dropFirst(2).first, lines[third].kind == .body, isDateLine(third),
                facts[second].wordCount <= 8, !facts[second].isProse,
                lines[second].kind == .credit || facts[second].trimmed.contains(" - ")
            {
                // The writer's name between them: `Penulis: Budi Santoso`, `Budi Santoso - detikFinance`.
                recordHeadline = first
                recordByline = second
            } else if (3...20).contains(facts[first].wordCount),
                let lede = lines[second].kind == .credit ? nonBlank.dropFirst(2).first : second,
                lines[lede].kind == .body, facts[lede].isProse, facts[lede].wordCount >= 8,
                Self.endsAsHeadline(facts[first].trimmed)
            {
                // A record without its date: an exclaiming, asking, trailing or quoting headline
                // (`… Cek Informasinya!`, `… Asalkan ...`, `… Namanya 'Pandu'`) opens the page, its
                // prose straight after.
                recordHeadline = first
            }
        }
        for i in lines.indices {
            let fact = facts[i]
            if lines[i].kind == .relatedHeader {
                inRelatedList = true
                continue
            }
            guard lines[i].kind == .body else { continue }
            if inRelatedList {
                if fact.isProse {
                    inRelatedList = false
                } else {
                    lines[i].kind = .relatedItem
                    continue
                }
            }
            if i < firstProse, fact.isBareDomain {
                lines[i].kind = .siteName
                continue
            }
            // A site's name alone within the article credits a picture (`seriouseats.com`); below
            // it, a footer's, it names the site.
            if i > firstProse, i < lastProse, fact.wordCount == 1, LineFacts.isHostName(fact.trimmed) {
                lines[i].kind = .caption
                continue
            }
            if fact.wordCount <= 16, !fact.hasDateline, let match = dateMatch(i),
                match.otherWords <= 3
            {
                lines[i].kind = .dateLine
                continue
            }
            if i == recordByline {
                lines[i].kind = .credit
                continue
            }
            if title == nil, i == recordHeadline || (i < firstProse && fact.couldBeTitle) {
                lines[i].kind = .title
                title = Self.strippingSiteSuffix(fact.trimmed)
                continue
            }
            if (i < firstProse || i > lastProse) && fact.wordCount <= 3 {
                lines[i].kind = .navigation
            }
        }

        // 3b. A page header run together on one line: `Judul 15 Agustus 2025 9:26 WIB · …`.
        var headerDate: PublishedDate?
        if let first = lines.indices.first(where: { lines[$0].kind != .blank }), first <= firstProse,
            lines[first].kind == .body || lines[first].kind == .title,
            let header = runTogetherHeader(facts[first]),
            header.title != nil || first < firstProse
        {
            headerDate = header.date
            if first < firstProse {
                if lines[first].kind == .title { title = nil }
                lines[first].kind = .header
            }
            if title == nil { title = header.title }
        }

        // 3c. Another article's headline set between paragraphs without a `Baca juga` label. A subhead
        // leads straight into its paragraph; the inserted headline stands alone between blank lines.
        for i in lines.indices where lines[i].kind == .body && i > firstProse && i < lastProse {
            let fact = facts[i]
            guard !fact.endsAsSentence, (10...25).contains(fact.wordCount), fact.capitalisedShare >= 0.6 else {
                continue
            }
            if lines[i - 1].kind == .blank && lines[i + 1].kind == .blank { lines[i].kind = .relatedLink }
        }

        // 4. A paragraph glued to the related link opening its line, the link's text left out;
        // repeated paragraphs (the headline repeated as the first paragraph among them), and link
        // text glued into prose.
        for i in lines.indices where lines[i].kind == .relatedLink {
            guard let prose = Self.proseGluedToLink(facts[i].trimmed) else { continue }
            lines[i].kind = .body
            lines[i].cleanedText = prose
        }
        // A deck that the lede repeats after its dateline (`Warga kota …` above `Warta.com - Warga
        // kota …`) is said twice: the lede keeps it.
        for i in lines.indices where lines[i].kind == .body && facts[i].hasDateline {
            for j in stride(from: i - 1, through: max(0, i - 10), by: -1)
            where lines[j].kind == .body && facts[j].wordCount >= 8 && !facts[j].hasDateline {
                if facts[i].trimmed.containsBytes(String(facts[j].trimmed.prefix(50))) {
                    lines[j].kind = .duplicate
                }
            }
        }
        var seen = Set<String>()
        let headlines = Set(
            lines.indices.filter { lines[$0].kind == .title }.map { facts[$0].trimmed } + [title].compactMap { $0 })
        for i in lines.indices where lines[i].kind == .body {
            if headlines.contains(facts[i].trimmed) {
                lines[i].kind = .duplicate
                continue
            }
            if facts[i].wordCount >= 5, !seen.insert(facts[i].trimmed).inserted {
                lines[i].kind = .duplicate
                continue
            }
            let fact = facts[i]
            let lower =
                fact.original.utf8.count == fact.trimmed.utf8.count ? fact.lower : fact.original.lowercasedQuickly()
            if let cleaned = Self.removingGluedLinks(from: fact.original, lower: lower) {
                if cleaned.isEmpty { lines[i].kind = .relatedLink } else { lines[i].cleanedText = cleaned }
            }
        }

        let (record, addresses, edgeAddress) = Self.recorded(metadata, edges: edges)
        let url = record?.url ?? edgeAddress ?? addresses.first?.url
        let outlet = pageOutlet(
            lines: lines, facts: facts, metadata: metadata, edges: edges, firstProse: firstProse, path: path)
        // The model reads whole pages; a page of a few lines holds little but the article, which the
        // rules read well, and too little context for the model.
        if let lineModel, lines.count(where: { $0.kind != .blank }) >= Self.lineModelMinimumLines {
            applying(lineModel.read(lines, evidence: evidence), to: &lines, title: &title)
        }

        // 5. The publication date: the date line that sits with the headline and the lede.
        let titleIndex = lines.firstIndex { $0.kind == .title }
        // The lede: the first paragraph of prose after the headline (a picture or a subhead may
        // come first), read without its markup where the scraper kept the page's tags.
        let afterTitle = (titleIndex ?? -1) + 1
        func isProse(_ i: Int) -> Bool { facts[i].isProse }
        let firstBody =
            (afterTitle..<lines.count).first { lines[$0].kind == .body && isProse($0) }
            ?? (afterTitle..<lines.count).first { lines[$0].kind == .body }
        let dates = Self.dateEvidence(lines: lines, facts: facts, known: dateMatches)
        let byHeadline = Self.headlineDate(among: dates, title: titleIndex, firstBody: firstBody)
        let textDate =
            byHeadline ?? Self.nearestDate(among: dates, title: titleIndex, firstBody: firstBody) ?? headerDate
        let published = Self.publicationDate(
            recorded: [record?.date, (record?.url ?? edgeAddress)?.pathDate], inText: textDate,
            byHeadline: byHeadline)
        return ExtractedArticle(
            outlet: outlet.outlet, title: title.map(Self.strippingTitleLabel), published: published, url: url?.text,
            lines: lines,
            outletByPath: outlet.byPath)
    }

    /// Kinds the wording rules give that the line model does not overturn.
    static let finalKinds: Set<LineKind> = [.advert, .embed, .picture, .relatedLink, .caption, .navigation]

    /// The fewest non-blank lines of a page the line model reads; shorter pages are the rules' alone.
    static let lineModelMinimumLines = 12

    /// How sure the line model must be to reject a line the rules took for body, when the line is
    /// prose or lies within the article the model found.
    static let bodyRejectionConfidence: Float = 0.6

    /// The line model's judgement over the rules': its body lines are the body, lines the rules took
    /// for body that it rejects are furniture, and its headline is the title when it finds one.
    func applying(_ reading: LineModel.Reading, to lines: inout [LabelledLine], title: inout String?) {
        // The model's article: from its first body line to its last.
        let bodyPositions = reading.labels.indices.filter { reading.labels[$0] == LineModel.body }
        let span = bodyPositions.first.map { $0..<(bodyPositions.last! + 1) } ?? 0..<0
        var rejected = Set<Int>()
        for (j, i) in reading.indices.enumerated() {
            lines[i].confidence = reading.confidences[j]
            if reading.labels[j] == LineModel.body {
                // What the wording says outright (an advert's label, an embed, a picture, a
                // related link, a caption, a page's paging or buttons) stays what it is.
                if Self.finalKinds.contains(lines[i].kind) { continue }
                lines[i].kind = .body
            } else if lines[i].kind == .body, reading.confidences[j] < Self.bodyRejectionConfidence,
                reading.shapes[j].isProse || span.contains(j)
            {
                // What the rules took for body stays body, unless the model is sure, when it is prose
                // or lies within the model's article (a list, a line-up, a table of scores).
                continue
            } else if lines[i].kind == .body {
                lines[i].kind = .furniture
                lines[i].cleanedText = nil
                rejected.insert(j)
            }
        }
        // The lede: a paragraph opening with an outlet's dateline just above the model's article is
        // the article's start, however the model judged the line below the headline.
        if let first = bodyPositions.first {
            for j in stride(from: first - 1, through: max(0, first - 2), by: -1)
            where rejected.contains(j) && reading.shapes[j].words >= 8 && Self.opensWithDateline(reading.shapes[j]) {
                lines[reading.indices[j]].kind = .body
                break
            }
        }
        if let first = bodyPositions.first {
            Self.restoringEarlierPart(&lines, reading: reading, rejected: rejected, before: first)
        }
        let headline = reading.title.map { reading.indices[$0] } ?? lines.firstIndex { $0.kind == .title }
        Self.keepingMainBlock(&lines, headline: headline)
        Self.endingAtSecondLede(&lines, reading: reading)
        Self.closingAtSignOff(&lines, reading: reading)
        Self.fillingGaps(&lines, reading: reading)
        Self.droppingTrailingTags(&lines, reading: reading)
        guard let chosen = reading.title else {
            // The rules' headline stands only if it looks like one (not a breadcrumb or a caption).
            if let rules = title, LineModel.cannotBeHeadline(LineShape(rules[...])) {
                title = nil
                for i in lines.indices where lines[i].kind == .title { lines[i].kind = .furniture }
            }
            return
        }
        let index = reading.indices[chosen]
        for i in lines.indices where lines[i].kind == .title && i != index { lines[i].kind = .furniture }
        if lines[index].kind != .body { lines[index].kind = .title }
        title = Self.strippingSiteSuffix(String(reading.shapes[chosen].text))
    }

    /// Kinds that part a page's blocks: where the article's earlier part ends.
    static let partingKinds: Set<LineKind> = [.navigation, .template, .relatedHeader, .relatedItem, .title, .copyright]

    /// The article's first part far above the model's article (`before`, a position among the read
    /// lines), as a page carries a paged article or a widget dropped in its middle: the first
    /// paragraph opening with an outlet's dateline above every body line starts the article, and it
    /// and the lines the model rejected after it, up to the first line of navigation or another
    /// list, are the article's, when two or more of them are prose.
    static func restoringEarlierPart(
        _ lines: inout [LabelledLine], reading: LineModel.Reading, rejected: Set<Int>, before first: Int
    ) {
        guard
            let lede = (0..<first).first(where: {
                rejected.contains($0) && reading.shapes[$0].isProse && opensWithDateline(reading.shapes[$0])
            })
        else { return }
        var part: [Int] = []
        for j in lede..<first {
            if rejected.contains(j) {
                part.append(j)
            } else if partingKinds.contains(lines[reading.indices[j]].kind) {
                break
            }
        }
        guard part.count(where: { reading.shapes[$0].isProse }) >= 2 else { return }
        for j in part { lines[reading.indices[j]].kind = .body }
    }

    /// An article has one lede: a later paragraph that opens with a dateline again, after a line
    /// that is not prose (another article's headline, a page's marker), begins another article
    /// the page carries whole. It, the line before it and the body after it are not the article.
    static func endingAtSecondLede(_ lines: inout [LabelledLine], reading: LineModel.Reading) {
        let ledes = reading.indices.indices.filter {
            lines[reading.indices[$0]].kind == .body && reading.shapes[$0].hasDateline && reading.shapes[$0].isProse
        }
        guard ledes.count >= 2 else { return }
        for j in ledes.dropFirst() where j > 0 && !reading.shapes[j - 1].isProse {
            if lines[reading.indices[j - 1]].kind == .body { lines[reading.indices[j - 1]].kind = .furniture }
            for i in reading.indices[j]..<lines.count where lines[i].kind == .body { lines[i].kind = .furniture }
            return
        }
    }

    /// How many lines the model rejected may stand between the article's last body line and its
    /// sign-off and still be the article's end.
    static let signOffReach = 6

    /// The sign-off closes the article: lines the model rejected between the last body line and a
    /// sign-off a few lines below it (`(Rahman Asmardika)`, `(hal/rrd)`) are the article's last
    /// lines (a price list, a closing paragraph), as long as nothing the wording names (a widget, a
    /// related link, an advert) or reads as a list of headlines stands between.
    static func closingAtSignOff(_ lines: inout [LabelledLine], reading: LineModel.Reading? = nil) {
        guard let last = lines.lastIndex(where: { $0.kind == .body }) else { return }
        var between: [Int] = []
        for i in (last + 1)..<lines.count where lines[i].kind != .blank {
            switch lines[i].kind {
            case .furniture where between.count < signOffReach:
                if shape(of: i, in: lines, reading: reading).isLinkLike { return }
                between.append(i)
            case .signOff:
                for j in between { lines[j].kind = .body }
                return
            default: return
            }
        }
    }

    /// A line's shape as the line model measured it (`reading`), else measured now.
    static func shape(of index: Int, in lines: [LabelledLine], reading: LineModel.Reading?) -> LineShape {
        if let reading {
            var low = 0
            var high = reading.indices.count
            while low < high {
                let middle = (low + high) / 2
                if reading.indices[middle] < index { low = middle + 1 } else { high = middle }
            }
            if low < reading.indices.count, reading.indices[low] == index { return reading.shapes[low] }
        }
        return LineShape(lines[index].text[...])
    }

    /// The article does not end in its tags: a run of two or more short lines of a few words each,
    /// with no sentence's end (`Kpr Bca`, `Bank Central Asia`), after the last paragraph, is the
    /// page's list of tags, unless the paragraph announces a list (`…, yaitu:`).
    static func droppingTrailingTags(_ lines: inout [LabelledLine], reading: LineModel.Reading? = nil) {
        var run: [Int] = []
        for i in lines.indices.reversed() where lines[i].kind == .body {
            let shape = shape(of: i, in: lines, reading: reading)
            let announcesList = shape.text.hasSuffix(":")
            if shape.words <= 4, !shape.endsAsSentence, !announcesList {
                run.append(i)
                continue
            }
            guard run.count >= 2, shape.isProse, !announcesList else { return }
            for j in run { lines[j].kind = .furniture }
            return
        }
    }

    /// How many lines the model rejected may stand between two body lines and still be the
    /// article's.
    static let gapReach = 6
    /// The most words of a subhead standing alone between two paragraphs (`Restart Karier di Hollywood`).
    static let subheadWords = 6

    /// The article runs on: a few lines the model rejected between two body lines (a list's
    /// items, a list's subheads, a short paragraph) are the article's, as long as the wording names
    /// none of them (a widget, a related link, a caption) and none reads as another story's
    /// headline.
    static func fillingGaps(_ lines: inout [LabelledLine], reading: LineModel.Reading? = nil) {
        // A subhead alone, or lines none of which reads as another story's headline.
        func continuesArticle(_ run: [Int]) -> Bool {
            let shapes = run.map { shape(of: $0, in: lines, reading: reading) }
            return (shapes.count == 1 && shapes[0].words <= subheadWords) || !shapes.contains(where: \.isLinkLike)
        }
        var run: [Int] = []
        var afterBody = false
        for i in lines.indices where lines[i].kind != .blank {
            switch lines[i].kind {
            case .body:
                if afterBody, !run.isEmpty, run.count <= gapReach, continuesArticle(run) {
                    for j in run { lines[j].kind = .body }
                }
                run = []
                afterBody = true
            case .furniture:
                run.append(i)
            case .caption, .picture:
                // A picture with its caption or credit between a subhead and its paragraph.
                continue
            case .copyright where lines[i].text.utf8.count <= 60:
                continue
            default:
                run = []
                afterBody = false
            }
        }
    }

    /// Whether a line opens with an outlet's dateline, however punctuated (`Kota, Warta.com -`,
    /// `WARTA.CO.ID- …`): a lede.
    static func opensWithDateline(_ shape: LineShape) -> Bool {
        shape.hasDateline || openingDomain(of: String(shape.text)) != nil
    }

    /// How many other non-blank lines part two blocks of body lines (see `keepingMainBlock`).
    static let bodyGapLimit = 6
    /// How many of the main block's words a block parted from it needs to stay body.
    static let partedBlockShare = 0.35

    /// The article is one block: a block of body lines parted from the block with the most words by
    /// more than `bodyGapLimit` other non-blank lines, and far shorter than it, is another article's
    /// teasers or a list of other stories, not the article; unless the headline (`headline`, an
    /// index into `lines`) leads into it, within three lines, or it opens with a dateline.
    static func keepingMainBlock(_ lines: inout [LabelledLine], headline: Int? = nil) {
        var blocks: [(start: Int, end: Int, words: Int)] = []
        var gap = 0
        for i in lines.indices where lines[i].kind != .blank {
            if lines[i].kind == .body {
                let words = Self.wordCount(lines[i].text, upTo: .max)
                if let last = blocks.last, gap <= bodyGapLimit {
                    blocks[blocks.count - 1] = (last.start, i, last.words + words)
                } else {
                    blocks.append((i, i, words))
                }
                gap = 0
            } else {
                gap += 1
            }
        }
        guard blocks.count > 1, let main = blocks.max(by: { $0.words < $1.words }) else { return }
        // The block the headline leads into is the article's start, however short.
        func leadsFromHeadline(_ block: (start: Int, end: Int, words: Int)) -> Bool {
            guard let headline, headline < block.start else { return false }
            let between = (headline + 1)..<block.start
            return between.count(where: { lines[$0].kind != .blank }) <= 3
        }
        // The block straight after the date line (a byline's date) is the article's start too.
        func followsDateLine(_ block: (start: Int, end: Int, words: Int)) -> Bool {
            let before = lines[..<block.start].lazy.reversed().filter { $0.kind != .blank }.prefix(2)
            return before.contains { $0.kind == .dateLine }
        }
        for block in blocks
        where block.start != main.start && Double(block.words) < partedBlockShare * Double(main.words) {
            if leadsFromHeadline(block) || followsDateLine(block)
                || opensWithDateline(LineShape(lines[block.start].text[...]))
            {
                continue
            }
            for i in block.start...block.end where lines[i].kind == .body { lines[i].kind = .furniture }
        }
    }

    /// A first, cheap look at a page for the store-wide templates: its group (the outlet the rules
    /// find, else its folder) and the hashes of its lines. It measures lines only as far as the
    /// outlet needs (a scraper's record, the site name or the lede's dateline usually end it early),
    /// and reads them as `extract` does before its later steps.
    public func look(_ text: String, path: String? = nil) -> PageLook {
        let raw = text.linesQuickly()
        var hashes = Set<UInt64>()
        var nonBlank: [Int] = []
        for (i, line) in raw.enumerated() {
            guard let hash = PageTemplates.hash(of: line) else {
                if !LineFacts.trim(String(line)).isEmpty { nonBlank.append(i) }
                continue
            }
            hashes.insert(hash)
            nonBlank.append(i)
        }
        // The scraper's own lines, then the page's lines measured on demand.
        let edges = Set(nonBlank.prefix(3) + nonBlank.suffix(3))
        var metadata: [(index: Int, found: ScraperMetadata)] = []
        for i in nonBlank where raw[i].containsBytes("://") || (edges.contains(i) && raw[i].containsBytes("|")) {
            let line = LineFacts.trim(String(raw[i]))
            if let found = ScraperMetadata.parse(line: line, recordAllowed: edges.contains(i)) {
                metadata.append((i, found))
            }
        }
        let (record, addresses, edgeAddress) = Self.recorded(metadata, edges: edges)
        var outlet = recordedOutlet(record: record, address: record?.url ?? edgeAddress)
        if outlet == nil {
            let metadataLines = Set(metadata.map(\.index))
            var facts = [LineFacts?](repeating: nil, count: raw.count)
            var kinds = [LineKind?](repeating: nil, count: raw.count)
            func fact(_ i: Int) -> LineFacts {
                if let known = facts[i] { return known }
                let made = LineFacts(String(raw[i]), outlets: outlets)
                facts[i] = made
                return made
            }
            func kind(_ i: Int) -> LineKind {
                if let known = kinds[i] { return known }
                let made = metadataLines.contains(i) ? .metadata : Self.kindByWording(of: fact(i))
                kinds[i] = made
                return made
            }
            let firstProse = raw.indices.first { kind($0) == .body && fact($0).isProse } ?? raw.count
            // The site name as the header gives it: a domain alone on a line above the prose, and
            // above any list of links (where it is another site's).
            let firstList = (0..<firstProse).first { kind($0) == .relatedHeader } ?? firstProse
            if let site = (0..<firstList).first(where: { kind($0) == .body && fact($0).isBareDomain }) {
                kinds[site] = .siteName
            }
            outlet = Self.outlet(lineCount: raw.count, firstProse: firstProse, kind: kind, fact: fact)
        }
        outlet =
            outlet ?? addresses.first?.url.registrableDomain ?? path.flatMap(self.outlet(fromPath:))
            ?? path.flatMap(Self.outlet(fromFileName:))
        return PageLook(group: outlet ?? PageLook.folderGroup(ofPath: path), lineHashes: hashes.sorted())
    }

    /// The scraper's record line, the page addresses it wrote (platform addresses left out), and the
    /// first of them on the page's first or last lines.
    static func recorded(_ metadata: [(index: Int, found: ScraperMetadata)], edges: Set<Int>) -> (
        record: ScraperMetadata?, addresses: [(index: Int, url: WebAddress)], edgeAddress: WebAddress?
    ) {
        let record = metadata.first { $0.found.outletName != nil || $0.found.date != nil }?.found
        let addresses = metadata.compactMap { item in item.found.url.map { (index: item.index, url: $0) } }
            .filter { !$0.url.isPlatform }
        return (record, addresses, addresses.first { edges.contains($0.index) }?.url)
    }

    /// The outlet of a page: the scraper's record, the page's own lines, its address, its folders.
    func pageOutlet(
        lines: [LabelledLine], facts: [LineFacts], metadata: [(index: Int, found: ScraperMetadata)], edges: Set<Int>,
        firstProse: Int, path: String?
    ) -> (outlet: String?, byPath: Bool) {
        let (record, addresses, edgeAddress) = Self.recorded(metadata, edges: edges)
        if let named = recordedOutlet(record: record, address: record?.url ?? edgeAddress)
            ?? Self.outlet(
                lineCount: lines.count, firstProse: firstProse, kind: { lines[$0].kind }, fact: { facts[$0] })
            ?? addresses.first?.url.registrableDomain
        {
            return (named, false)
        }
        let guessed = path.flatMap(outlet(fromPath:)) ?? path.flatMap(Self.outlet(fromFileName:))
        return (guessed, guessed != nil)
    }

    // MARK: - Templates

    /// Marks as template the lines of the page that recur on many pages of its group (see
    /// `PageTemplates.isRecurring`) and read as furniture: not prose, not a domain or date line,
    /// and outside the article's core, the densest run of prose.
    func markTemplates(
        _ lines: inout [LabelledLine], facts: [LineFacts], templates: PageTemplates,
        dateMatch: (Int) -> DateScanner.Match?
    ) {
        let recurring = lines.indices.map { i in
            lines[i].kind == .body && !facts[i].isProse && !facts[i].isBareDomain
                && templates.isRecurring(facts[i].original)
        }
        guard recurring.contains(true) else { return }
        let core = Self.core(lines: lines, facts: facts, recurring: recurring)
        for i in lines.indices where recurring[i] && !core.contains(i) {
            // A date line's format recurs on every page (digits count alike); it dates the page.
            if let match = dateMatch(i), match.otherWords <= 3 { continue }
            lines[i].kind = .template
        }
    }

    /// The article's core: the run of lines whose prose outweighs what lies between, prose lines
    /// counting their words, lines the group's pages share 10 against, other lines 2 against.
    static func core(lines: [LabelledLine], facts: [LineFacts], recurring: [Bool]) -> Range<Int> {
        var best = 0..<0
        var bestScore = 0
        var start = 0
        var score = 0
        for i in lines.indices {
            let weight: Int
            if recurring[i] {
                weight = -10
            } else if lines[i].kind == .body && facts[i].isProse {
                weight = facts[i].wordCount
            } else {
                weight = lines[i].kind == .blank ? 0 : -2
            }
            if score <= 0 {
                start = i
                score = 0
            }
            score += weight
            if score > bestScore {
                bestScore = score
                best = start..<(i + 1)
            }
        }
        return best
    }

    /// Steps 0 and 1 of reading a page: every line measured, the scraper's own lines found, and
    /// lines labelled by their wording.
    func readByWording(_ text: String) -> (
        lines: [LabelledLine], facts: [LineFacts], metadata: [(index: Int, found: ScraperMetadata)], edges: Set<Int>
    ) {
        let rawLines = text.linesQuickly()
        var lines = rawLines.enumerated().map { index, line in
            LabelledLine(number: index + 1, text: String(line), kind: .body)
        }
        let facts = lines.map { LineFacts($0.text, outlets: outlets) }

        // 0. What the scraper wrote about the page: a record line at the top or the bottom, and
        // lines holding only the page's address.
        let nonBlank = lines.indices.filter { !facts[$0].isBlank }
        let edges = Set(nonBlank.prefix(3) + nonBlank.suffix(3))
        var metadata: [(index: Int, found: ScraperMetadata)] = []
        for i in nonBlank {
            if let found = ScraperMetadata.parse(line: facts[i].original, recordAllowed: edges.contains(i)) {
                metadata.append((i, found))
            }
        }
        let metadataLines = Set(metadata.map(\.index))

        // 1. Lines that say what they are by their wording.
        for i in lines.indices {
            if metadataLines.contains(i) {
                lines[i].kind = .metadata
                continue
            }
            lines[i].kind = Self.kindByWording(of: facts[i])
        }

        return (lines, facts, metadata, edges)
    }

    /// The outlet the scraper's record names as a domain or a brand, else its address's domain, else
    /// a brand with an ending (`poskotanews`) that the record names.
    func recordedOutlet(record: ScraperMetadata?, address: WebAddress?) -> String? {
        let name = record?.outletName
        if let name, let domain = outlet(named: name, allowingEndings: false) { return domain }
        if let address { return address.registrableDomain }
        return name.flatMap { outlet(named: $0) }
    }

    /// The first date the scraper recorded (in its record, then in the page's address), with the
    /// time of the page's date line or of the address when they name the same day; else the page's
    /// date line. The stamp printed by the headline wins over a record of a later day: a page is
    /// saved after it is published, and a scraper that stamps the day it ran records that day.
    static func publicationDate(
        recorded: [PublishedDate?], inText: PublishedDate?, byHeadline: PublishedDate? = nil
    ) -> PublishedDate? {
        let recorded = recorded.compactMap { $0 }
        guard let day = recorded.first else { return inText }
        if let byHeadline, byHeadline.isoDay < day.isoDay { return byHeadline }
        return ([inText] + recorded).compactMap { $0 }.first { $0.isoDay == day.isoDay && $0.hour != nil } ?? day
    }

    // MARK: - Wording

    static let relatedLinkPrefixes = [
        "baca juga", "lihat juga", "simak juga", "baca pula", "baca:", "baca selengkapnya", "tonton juga",
        "saksikan juga", "simak video", "baca berita",
    ]
    /// Headers of related lists said whole; `isRelatedHeader` also reads them built of a noun and
    /// a qualifier, and followed by a word of time.
    static let relatedHeaders: Set<String> = [
        "terpopuler", "populer", "rekomendasi", "terkini", "terbaru", "baca berikutnya", "pilihan untukmu",
        "pilihan editor", "pilihan redaksi", "most popular", "related", "related articles", "related posts",
        "popular posts", "latest news", "read more",
    ]
    /// What a related list lists: `Berita …`, `Artikel …`, `Tautan …`.
    static let relatedListNouns: Set<String> = [
        "berita", "artikel", "tautan", "link", "video", "foto", "topik", "konten", "bacaan", "postingan", "tulisan",
    ]
    /// Which of them it lists: `… Terkait`, `… Lainnya`, `… Sahabat` (a blog's links to its friends).
    static let relatedListQualifiers: Set<String> = [
        "terkait", "lainnya", "lain", "terbaru", "terkini", "terpopuler", "populer", "pilihan", "rekomendasi",
        "menarik", "sahabat", "teman", "partner", "mitra", "trending",
    ]
    /// Words of time or reach a header may end with: `Berita Terkini Update`, `Terpopuler Hari Ini`.
    static let relatedHeaderEndings = [
        "update", "hari ini", "pekan ini", "minggu ini", "saat ini", "lainnya", "untuk anda", "untukmu",
    ]

    /// Whether a whole line (lower case, without its closing colon) heads a list of related links: a
    /// header said whole, or a list noun with a qualifier (`berita terkait`, `artikel pilihan`), then
    /// up to two endings (`berita terkini update`, `berita populer hari ini`).
    static func isRelatedHeader(_ bare: String) -> Bool {
        var words = bare.split(separator: " ")
        for _ in 0...2 {
            if relatedHeaders.contains(words.joined(separator: " ")) { return true }
            if words.count == 2, relatedListNouns.contains(String(words[0])),
                relatedListQualifiers.contains(String(words[1]))
            {
                return true
            }
            let text = words.joined(separator: " ")
            guard words.count >= 2,
                let ending = relatedHeaderEndings.first(where: {
                    text.hasSuffix(" " + $0) && $0.split(separator: " ").count < words.count
                })
            else { return false }
            words.removeLast(ending.split(separator: " ").count)
        }
        return false
    }
    static let adverts: Set<String> = [
        "iklan", "advertisement", "ads", "ad", "scroll to continue with content", "scroll to continue",
        "scroll untuk melanjutkan", "scroll to resume content", "sponsored", "konten bersponsor", "sponsor",
        "advertising", "scroll down untuk melanjutkan membaca", "scroll down to continue", "scroll untuk membaca",
        "scroll ke bawah untuk membaca",
    ]
    static let navigation: Set<String> = [
        "notification", "notifikasi", "×", "x", "leave a comment", "load more", "tutup", "close",
        "share", "bagikan", "komentar", "tags", "tag", "home", "beranda", "next", "prev", "previous",
        "reply", "balas", "selengkapnya", "lanjutkan membaca", "tampilkan lebih banyak", "muat lebih banyak",
        "kembali ke atas", "menu", "search", "cari", "lihat foto", "loading", "loading...", "halaman",
        "halaman selanjutnya", "halaman berikutnya", "berlanjut ke halaman berikutnya.", "selanjutnya", "perbesar",
        "enlarge", "zoom",
    ]
    /// The most bytes of an advert's or a navigation label's phrase.
    static let longestShortPhrase = adverts.union(navigation).map(\.utf8.count).max() ?? 0
    static let creditWords = [
        "redaktur", "editor", "penulis", "pewarta", "reporter", "sumber", "penyunting", "kontributor",
        "fotografer", "wartawan", "laporan wartawan", "author", "writer",
    ]
    static let promoPhrases = [
        "google news", "whatsapp channel", "saluran whatsapp", "ikuti kami", "follow us", "subscribe",
        "berlangganan newsletter", "klik berlangganan", "download aplikasi", "unduh aplikasi", "ikuti berita",
        "ikuti juga", "newsletter",
        "telegram channel", "kanal whatsapp", "follow instagram", "ikuti instagram", "scroll ke bawah",
        "gulir ke bawah", "saksikan live", "saksikan video", "artikel ini telah tayang", "artikel ini telah naik",
        "artikel ini sudah tayang",
        "artikel ini telah terbit",
    ]
    /// How a syndicated article says where it ran first (`Artikel ini telah tayang di … dengan
    /// judul …`).
    static let syndicationPrefixes = promoPhrases.filter { $0.hasPrefix("artikel ini ") }
    /// Stock-photo libraries: a short line naming one credits a picture (`Ilustrasi shutterstock.com`).
    static let stockPhotoNames = ["shutterstock", "pexels", "unsplash", "pixabay", "getty images", "freepik"]
    /// A news agency's picture credit opening a line: `Reuters: Nama Fotografer`.
    static let agencyCreditPrefixes = ["reuters:", "afp:", "ap:", "ap photo", "antara foto:", "epa:"]
    /// The label of a page's tags, with the tags after it on the same line.
    static let tagPrefixes = ["tags:", "tag:", "tags :", "tag :", "topik:", "topik :", "kata kunci:", "kata kunci :"]
    /// Offers of reading with fewer ads: prompts, even when they begin as a link does (`Baca berita`).
    static let adFreePhrases = ["tanpa iklan", "sedikit iklan", "bebas iklan"]
    /// Share buttons, comment and rating widgets: short lines containing these are furniture.
    static let widgetPhrases = [
        "bagikan artikel", "share this", "share on", "bagikan ke", "bagikan:", "share:", "komentar anda",
        "tulis komentar", "berikan komentar", "lihat komentar", "0 komentar", "reaksi anda", "bagaimana reaksi",
        "beri rating", "kirim tanggapan", "salin link", "copy link", "salin tautan", "link successfully copied",
        "link berhasil disalin", "tautan berhasil disalin", "baca halaman berikutnya",
    ]
    /// Buttons named by one word, which headlines use too (`Cetak uang baru`).
    static let widgetWords = ["print", "cetak"]
    static let captionMarkers = [
        "foto:", "foto :", "/foto", "(foto", "photo:", "dok.", "(ist)", "ilustrasi:", "(credit", "credit:", "kredit:",
        "ilustrasi/", "/copyright",
        "credit via", "credit by",
    ]
    /// The frame of a post embedded from a social network, and the mark of a tweet's picture.
    static let embedPhrases = ["view this post on instagram", "a post shared by", "pic.twitter.com/"]
    static let captionCredits: Set<String> = [
        "via", "foto", "dok", "ist", "istimewa", "antara", "reuters", "afp", "ap", "getty", "epa",
        "anadolu", "xinhua", "shutterstock", "freepik", "net", "instagram", "twitter", "youtube", "tiktok",
        "facebook", "pexels", "unsplash", "pixabay",
    ]

    /// What a line is by its wording alone, before the page around it is read: blank, body, or
    /// one of the kinds whose words give them away.
    static func kindByWording(of fact: LineFacts) -> LineKind {
        if fact.isBlank { return .blank }
        if fact.isMarkupOnly { return .picture }
        // A separator of symbols alone (`***`, `-----`), or a page's number (`1`, `2 3`).
        // (Bytes at 0x80 and above may be letters of other scripts, which a separator has none of.)
        // (A date in figures alone, `18/06/2025 14:05`, is a date line, read as such further on.)
        if !fact.trimmed.utf8.contains(where: { $0 >= 0x80 || (0x41...0x5A).contains($0 & 0xDF) }), !fact.isSignOff,
            fact.wordCount <= 2 || !fact.trimmed.utf8.contains(where: { (0x30...0x39).contains($0) }),
            DateScanner.firstMatch(in: fact.trimmed) == nil
        {
            return .navigation
        }
        if let kind = kindByWording(fact) { return kind }
        // A line that ends in an outlet dateline holds no prose of its own: the lede follows.
        if fact.trailingDatelineOutlet != nil { return fact.wordCount <= 6 ? .dateline : .header }
        return .body
    }

    /// The phrase lists `kindByWording` looks for anywhere in a line, by their bits in
    /// `PhraseTable.lists(in:)`: caption markers (which must then open a word), ad-free offers,
    /// widgets, promotions and embedded posts.
    static let wordingPhrases = PhraseTable([captionMarkers, adFreePhrases, widgetPhrases, promoPhrases, embedPhrases])
    static let captionMarkerBit: UInt32 = 1 << 0
    static let adFreeBit: UInt32 = 1 << 1
    static let widgetBit: UInt32 = 1 << 2
    static let promoBit: UInt32 = 1 << 3
    static let embedBit: UInt32 = 1 << 4
    /// The caption markers alone, for lines too long for the other lists.
    static let captionPhrases = PhraseTable([captionMarkers])

    static func kindByWording(_ fact: LineFacts) -> LineKind? {
        let lower = fact.lower
        let bare = lower.trimmingTrailing(":")
        // The lists of phrases found in the line, in one pass; a longer line, which none but the
        // caption markers concern, is read for them alone when it comes to them.
        let isShort = fact.wordCount <= 30
        let phrases = isShort ? wordingPhrases.lists(in: lower) : 0
        if fact.wordCount <= 12, phrases & adFreeBit != 0 { return .promo }
        if relatedLinkPrefixes.contains(where: { lower.hasPrefix($0) }) { return .relatedLink }
        if fact.wordCount <= 6, isRelatedHeader(bare) { return .relatedHeader }
        // A line longer than any of the phrases is none of them (they have no other spelling).
        if bare.utf8.count <= longestShortPhrase {
            if adverts.contains(bare) { return .advert }
            if navigation.contains(bare) { return .navigation }
        }
        if lower.hasPrefix("copyright") || lower.hasPrefix("hak cipta") || lower.containsBytes("©") {
            return .copyright
        }
        if fact.wordCount <= 10 {
            for word in creditWords where lower.hasPrefix(word) {
                let rest = lower.dropFirst(word.count).drop(while: { $0 == " " })
                if rest.hasPrefix(":") { return .credit }
            }
            if lower.hasPrefix("laporan wartawan") { return .credit }
        }
        if fact.isSignOff { return .signOff }
        if fact.isPageCount { return .navigation }
        if phrases & embedBit != 0 || fact.isTweetSignature || fact.isEmbedPlaceholder { return .embed }
        if fact.wordCount <= 8 {
            if phrases & widgetBit != 0 { return .navigation }
            // A button named by one word (`Print`, `Cetak`) stands alone, not inside a headline.
            if fact.wordCount <= 2, widgetWords.contains(where: { lower.containsWord($0) }) { return .navigation }
            if fact.wordCount <= 5, fact.isViewCounter { return .navigation }
        }
        if fact.wordCount <= 30, phrases & promoBit != 0 { return .promo }
        // A note that the article ran first elsewhere, with its headline and address: any length.
        let first = lower.utf8.first
        if first == UInt8(ascii: "a"), syndicationPrefixes.contains(where: { lower.utf8.starts(with: $0.utf8) }) {
            return .promo
        }
        // A page's tags, however many (`Tags: bansos, pkh, bantuan sosial`).
        if fact.wordCount <= 40, first == UInt8(ascii: "t") || first == UInt8(ascii: "k"),
            tagPrefixes.contains(where: { lower.utf8.starts(with: $0.utf8) })
        {
            return .navigation
        }
        // A row of hashtags: `#pulau pinang#positif COVID19#banduan`, `# Ramadan 2015# Kisah Mualaf`.
        if first == UInt8(ascii: "#"), fact.wordCount <= 40, lower.utf8.count(where: { $0 == UInt8(ascii: "#") }) >= 3 {
            return .navigation
        }
        if fact.isRunTogetherList || fact.isStampedTeaser { return .relatedItem }
        // A marker that opens a word occurs in the line, which the pass tells first.
        if (isShort ? phrases : captionPhrases.lists(in: lower)) & captionMarkerBit != 0,
            captionMarkers.contains(where: { lower.containsWordStart($0) })
        {
            return .caption
        }
        if fact.wordCount <= 10, stockPhotoNames.contains(where: { lower.containsBytes($0) }) { return .caption }
        if first == UInt8(ascii: "r") || first == UInt8(ascii: "a") || first == UInt8(ascii: "e"),
            agencyCreditPrefixes.contains(where: { lower.utf8.starts(with: $0.utf8) })
        {
            return .caption
        }
        if fact.endsWithCreditParenthetical || fact.endsWithUpperCaseCredit || fact.endsWithDashCredit
            || fact.endsWithCopyrightCredit || fact.isSourcePath
        {
            return .caption
        }
        return nil
    }

    /// Labels a scraper writes before a page's headline: `Judul: …`, `Title: …`.
    static let titleLabels = ["judul", "title", "headline"]

    /// A headline without the label a scraper wrote before it.
    static func strippingTitleLabel(_ title: String) -> String {
        guard let colon = title.firstIndex(of: ":") else { return title }
        let label = title[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard titleLabels.contains(label) else { return title }
        let rest = title[title.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? title : rest
    }

    /// Whether a line ends as a headline may: with a letter or a figure, or with `!`, `?`, an
    /// ellipsis or a closing quote mark (which prose ends with too), not with a full stop.
    static func endsAsHeadline(_ line: String) -> Bool {
        var line = Substring(line)
        while let last = line.last, "'\"\u{2019}\u{201D}".contains(last) { line = line.dropLast() }
        guard let last = line.last else { return false }
        return "!?\u{2026}".contains(last) || line.hasSuffix("..") || last.isLetter || last.isNumber
    }

    /// Drops a glued section or site suffix: `Judul Berita - News`, `Judul | Outlet`.
    static func strippingSiteSuffix(_ title: String) -> String {
        let isASCII = title.isASCIIText
        for separator in [" - ", " | ", " – ", " — "] {
            let range: Range<String.Index>
            if isASCII {
                // In ASCII text the separator is found byte for byte, and a dash of more bytes is not.
                guard separator.utf8.count == 3, let found = title.lastByteRange(of: separator) else { continue }
                range = found
            } else {
                guard let found = title.range(of: separator, options: .backwards) else { continue }
                range = found
            }
            let head = title[..<range.lowerBound]
            let tail = title[range.upperBound...]
            let tailWords = tail.split(separator: " ").count
            let headWords = head.split(separator: " ").count
            // A site's or section's name has no figures (`… 4,6 Persen - 5,4 Persen` is a range).
            if tailWords <= 3 && headWords >= 3 && !tail.utf8.contains(where: { (0x30...0x39).contains($0) }) {
                return String(head).trimmingSpacesQuickly()
            }
        }
        return title
    }

    // MARK: - Glued links

    /// The line with `Baca juga: …` link text removed where a scraper glued it into prose; nil when
    /// there is none, empty when nothing but the link remains.
    static func removingGluedLinks(from line: String, lower: String) -> String? {
        // Offsets found in the lower-cased line must hold in the line itself.
        guard lower.containsBytes(" juga"), lower.utf8.count == line.utf8.count else { return nil }
        var marker: Int?
        for prefix in ["baca juga", "lihat juga", "simak juga"] {
            if let offset = lower.firstByteOffset(of: prefix), offset > 0, marker == nil || offset < marker! {
                marker = offset
            }
        }
        guard let marker else { return nil }
        let bytes = Array(line.utf8)
        let before = String(decoding: bytes[..<marker], as: UTF8.self)
        let after = String(decoding: bytes[marker...], as: UTF8.self)
        // The link's headline runs in capitalised words; prose resumes at the first lower-case word,
        // whose sentence began with the last capitalised word.
        let words = after.split(separator: " ", omittingEmptySubsequences: true)
        var firstLower: Int?
        for (index, word) in words.enumerated().dropFirst(3) where word.first?.isLowercase == true {
            firstLower = index
            break
        }
        let kept: String
        if let firstLower, firstLower >= 4, words.count - firstLower >= 4 {
            kept = words[(firstLower - 1)...].joined(separator: " ")
        } else {
            kept = ""
        }
        let joined = [before.trimmingSpacesQuickly(), kept].filter { !$0.isEmpty }.joined(separator: " ")
        return joined
    }

    /// The paragraph a scraper glued to a related link opening the line, where the link's
    /// headline runs into the paragraph's first word: `Baca Juga: Tim Hukum Datangi KPK Terkait
    /// Pelimpahan BerkasPadahal, Ronny mengungkapkan …` gives `Padahal, Ronny mengungkapkan …`.
    static func proseGluedToLink(_ line: String) -> String? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 12 else { return nil }
        for (index, word) in words.enumerated().dropFirst(3) {
            let characters = Array(word)
            guard characters.count >= 4 else { continue }
            for k in 1..<(characters.count - 1)
            where characters[k].isUppercase && characters[k + 1].isLowercase && characters[k - 1].isLetter {
                let rest = [String(characters[k...])] + words[(index + 1)...].map(String.init)
                guard rest.count >= 12 else { return nil }
                let prose = rest.joined(separator: " ")
                let shape = LineShape(prose[...])
                return shape.isProse && shape.endsAsSentence ? prose : nil
            }
        }
        return nil
    }

    // MARK: - Run-together header

    /// A header line that carries the publication stamp (a date with its time) within its first
    /// words; the words before the stamp are the headline unless they merely name the outlet.
    func runTogetherHeader(_ fact: LineFacts) -> (title: String?, date: PublishedDate)? {
        guard fact.wordCount > 6, !fact.hasDateline, fact.hasClockTime else { return nil }
        let words = fact.trimmed.split(separator: " ")
        for k in 0..<min(words.count, 31) {
            let probe = words[k..<min(words.count, k + 8)].joined(separator: " ")
            let tokens = DateScanner.tokens(of: probe)
            guard let (date, end) = DateScanner.date(in: tokens, at: 0) else { continue }
            // Only a full stamp marks a header; a bare date in the first words is more likely an event.
            guard let (hour, minute, _) = DateScanner.time(in: tokens, at: end) else { return nil }
            var stamp = date
            stamp.hour = hour
            stamp.minute = minute
            var head = Array(words[..<k])
            while let last = head.last {
                let bare = last.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.symbols))
                guard bare.isEmpty || DateScanner.vocabulary.contains(bare) else { break }
                head.removeLast()
            }
            return (headline(from: head), stamp)
        }
        return nil
    }

    /// Words that read as a headline: three or more, mostly capitalised, not a sentence, not the
    /// outlet's own name.
    func headline(from words: [Substring]) -> String? {
        guard (3...30).contains(words.count) else { return nil }
        let text = words.joined(separator: " ")
        let fact = LineFacts(text, outlets: outlets)
        guard !fact.endsAsSentence, !text.contains(". "), fact.capitalisedShare >= 0.5 else { return nil }
        for count in 1...3 where count < words.count {
            let tail = words.suffix(count).joined(separator: " ")
            if outlets.domain(forBrand: tail) != nil || LineFacts.isDomain(tail) { return nil }
        }
        return Self.strippingSiteSuffix(text)
    }

    // MARK: - Outlet

    /// The outlet named by a folder of the file's path, when a store is arranged by outlet.
    func outlet(fromPath path: String) -> String? {
        for component in path.split(separator: "/").dropLast().reversed() {
            if let domain = outlet(named: component) { return domain }
        }
        return nil
    }

    /// Endings that outlets add to their brand in names: `poskotanews`, `beritasatu online`.
    static let nameEndings = ["news", "online", "daily", "media", "com", "id", "net", "tv"]

    /// The domain a name stands for: a domain itself (`Liputan6.com`), one written with a dash or an
    /// underscore for its dots (`dailysocial-id`), a brand (`CNN Indonesia`, `cnn-indonesia`), or a
    /// brand with an ending such as `news` (`poskotanews`) unless `allowingEndings` is false.
    func outlet(named name: some StringProtocol, allowingEndings: Bool = true) -> String? {
        let name = name.trimmingSpacesQuickly()
        if LineFacts.isDomain(name) { return name.lowercased() }
        for separator: Character in ["-", "_"] where name.contains(separator) {
            let dotted = name.split(separator: separator).joined(separator: ".")
            if LineFacts.isDomain(dotted) { return dotted.lowercased() }
        }
        if let domain = outlets.domain(forBrand: name) { return domain }
        guard allowingEndings else { return nil }
        let key = OutletDirectory.key(name)
        for ending in Self.nameEndings where key.hasSuffix(ending) && key.count >= ending.count + 3 {
            if let domain = outlets.domain(forBrand: key.dropLast(ending.count)) { return domain }
        }
        return nil
    }

    /// The outlet the page's lines name: a site-name line, the lede's dateline, a dateline in the
    /// header, a copyright, promo, credit or caption line. Lines are asked for in order and only
    /// as far as needed, so that a first look can measure them lazily.
    /// How far apart, in non-blank lines, domains alone on their lines still make a list.
    static let siteListReach = 3

    /// After how many paragraphs of prose a loosely punctuated dateline is no longer looked for.
    static let ledeParagraphs = 3

    static func outlet(
        lineCount: Int, firstProse: Int, kind: (Int) -> LineKind, fact: (Int) -> LineFacts
    ) -> String? {
        // The lede's dateline, the article's own word (a sub-brand's, or the source of a copy): a
        // body line opening with one, however it is punctuated.
        var ledeBrand: String?
        // The loosely punctuated datelines are looked for in the first paragraphs only: further
        // down, `4. Tiket.com - diskon …` is an item of a list.
        var paragraphs = 0
        for i in 0..<lineCount where kind(i) == .body {
            let line = fact(i)
            if line.hasDateline { return line.datelineOutlet }
            guard paragraphs < ledeParagraphs else { continue }
            // A dateline standing alone above the lede: `Kota, (Warta.com)-`.
            if line.wordCount <= 3, let domain = openingDomain(of: line.trimmed) { return domain }
            guard line.wordCount >= 5 else { continue }
            if line.isProse { paragraphs += 1 }
            if let domain = openingDomain(of: line.trimmed) { return domain }
            if ledeBrand == nil { ledeBrand = openingBrand(of: line.trimmed) }
        }
        // A domain alone on a line, not among others (a list of the network's sites): no other
        // within `siteListReach` non-blank lines.
        func isLoneDomain(_ i: Int) -> Bool {
            for step in [-1, 1] {
                var j = i + step
                var seen = 0
                while (0..<lineCount).contains(j), seen < siteListReach {
                    if kind(j) != .blank {
                        if fact(j).isBareDomain { return false }
                        seen += 1
                    }
                    j += step
                }
            }
            return true
        }
        // The site's name heads the page, above the headline; one below it credits a picture.
        let header = min(firstProse, lineCount)
        let headline = (0..<header).first { kind($0) == .title } ?? header
        if let site = (0..<headline).first(where: { kind($0) == .siteName && isLoneDomain($0) }) {
            return WebAddress.registrableDomain(of: fact(site).lower)
        }
        // A dateline ending a header line, or inside one: `… TRIBUNNEWS.COM, JAKARTA -`; a byline
        // or a line giving the brand.
        for i in 0..<lineCount where i < firstProse || [.dateline, .header].contains(kind(i)) {
            let line = fact(i)
            if let domain = line.trailingDatelineOutlet ?? line.embeddedDatelineOutlet { return domain }
            // A dateline standing alone above the lede: `Kota, (Warta.com)-`.
            if line.wordCount <= 3, let domain = openingDomain(of: line.trimmed) { return domain }
            if kind(i) != .blank, let domain = bylineBrandOutlet(line) ?? brandLineOutlet(line) { return domain }
        }
        for i in 0..<lineCount where [.copyright, .promo, .credit].contains(kind(i)) {
            // A source credit names where the text came from, not who published it.
            if kind(i) == .credit, fact(i).lower.hasPrefix("sumber") || fact(i).lower.hasPrefix("source") {
                continue
            }
            if let domain = fact(i).firstDomain ?? fact(i).firstBrandDomain { return domain }
        }
        // The lede's brand, when the page names a domain of that name: `Warta -` and `warta.co.id`.
        if let ledeBrand {
            let named = (0..<lineCount).compactMap { fact($0).firstDomain }
            if let domain = domain(forBrand: ledeBrand, among: named) { return domain }
        }
        // The outlet's own picture credits: its domain with the photographer's name, else a brand.
        let credits = (0..<lineCount).filter { kind($0) == .caption || kind($0) == .credit }
        for i in credits {
            if let domain = ownPictureCreditDomain(fact(i)) { return domain }
        }
        for i in credits {
            if let domain = pictureCreditBrand(fact(i)) { return domain }
        }
        return selfMention(lineCount: lineCount, firstProse: firstProse, kind: kind, fact: fact)
    }

}

/// Measurements of one line that the rules look at.
struct LineFacts {
    /// The line's wording: trimmed, and without its markup (`<p>`, `</h3>`) where a scraper kept
    /// the page's tags.
    let trimmed: String
    /// The line as the page gives it, trimmed, markup and all.
    let original: String
    let lower: String
    let wordCount: Int
    /// The line is a heading in markup (`<h3>…</h3>`), which is never prose.
    let isHeading: Bool
    /// The line is markup with no words outside its tags: a picture (`<p><img src="…"></p>`).
    let isMarkupOnly: Bool
    /// The outlet named by a dateline opening the line (`GenPI.co -`, `Liputan6.com, Jakarta -`).
    let datelineOutlet: String?

    let outlets: OutletDirectory

    init(_ text: String, outlets: OutletDirectory = .bundled) {
        original = Self.trim(text)
        if original.containsByte(0x3C) {
            let (words, tag) = Self.withoutTags(original)
            trimmed = words
            isHeading = words.utf8.count < original.utf8.count && tag.map(Self.isHeadingTag) == true
            isMarkupOnly =
                tag != nil && words.utf8.count == original.utf8.count && original.hasPrefix("<")
                && original.hasSuffix(">")
        } else {
            trimmed = original
            isHeading = false
            isMarkupOnly = false
        }
        lower = trimmed.lowercasedQuickly()
        var words = 0
        var inWord = false
        for byte in trimmed.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        wordCount = words
        self.outlets = outlets
        datelineOutlet = Self.datelineOutlet(of: trimmed, outlets: outlets)
    }

    /// The text with its tags (see `LineShape.strippingTags`) left out, runs of spaces one space,
    /// trimmed, the text itself when nothing but tags remains (a picture: `<p><img src="…"></p>`);
    /// and the name of the tag it opens with.
    static func withoutTags(_ text: String) -> (words: String, tag: String?) {
        let (stripped, tag) = LineShape.strippingTags(text[...])
        guard stripped.utf8.count < text.utf8.count else { return (text, tag) }
        let words = trim(stripped.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
        return (words.isEmpty ? text : words, tag)
    }

    /// `h1` to `h6`.
    static func isHeadingTag(_ name: String) -> Bool {
        name.count == 2 && name.hasPrefix("h") && name != "hr"
    }

    /// Initials or a marker alone in parentheses: `(hal/rrd)`, `(*)`, `(ant)`.
    var isSignOff: Bool {
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")"), trimmed.count <= 24, wordCount <= 2 else { return false }
        return trimmed.dropFirst().dropLast().allSatisfy {
            $0.isLetter || $0 == "/" || $0 == "*" || $0 == "-" || $0 == " "
        }
    }

    /// A page's place in a story split over several: `2 dari 5 halaman`, `Halaman 2 dari 5`.
    var isPageCount: Bool {
        guard wordCount <= 4, lower.hasSuffix("halaman") || lower.hasPrefix("halaman") else { return false }
        let words = lower.split(separator: " ")
        let shape = words.map { $0.allSatisfy(\.isNumber) ? "n" : String($0) }
        return shape == ["n", "dari", "n", "halaman"] || shape == ["halaman", "n", "dari", "n"]
    }

    /// A scraper's placeholder for an embedded post or video: `[Gambas:Video 20detik]`.
    var isEmbedPlaceholder: Bool { lower.hasPrefix("[gambas:") && lower.hasSuffix("]") }

    /// A tweet's signature under its text: `— Name (@handle) December 20, 2021`.
    var isTweetSignature: Bool {
        guard wordCount <= 14, let first = trimmed.unicodeScalars.first, first == "\u{2014}" || first == "\u{2013}",
            trimmed.containsBytes("(@")
        else { return false }
        return trimmed.unicodeScalars.suffix(4).allSatisfy { ("0"..."9").contains($0) }
    }

    /// `Dibaca 1.234 kali`, `2.3K views`, `1234 kali dibaca`.
    var isViewCounter: Bool {
        guard trimmed.contains(where: \.isNumber) else { return false }
        return lower.containsBytes("dibaca") || lower.containsBytes("views") || lower.containsBytes("kali dilihat")
            || lower.containsBytes("pembaca")
    }

    /// The domain of the first brand the line names (`Foto: Antara`, `detikFinance`), if any.
    var firstBrandDomain: String? {
        for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "(" || $0 == ")" || $0 == ":" }) {
            if let domain = outlets.domain(forBrand: word) { return domain }
        }
        return nil
    }

    /// Drops white space and invisible marks (zero-width space, BOM, direction marks) at both ends.
    static func trim(_ text: String) -> String {
        // Printable ASCII at both ends: a character that is neither white space nor invisible.
        if let first = text.utf8.first, let last = text.utf8.last, first.isVisibleASCII, last.isVisibleASCII {
            return text
        }
        func isInvisible(_ c: Character) -> Bool {
            c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{200E}" || c == "\u{200F}"
                || c == "\u{2060}"
        }
        guard let first = text.firstIndex(where: { !isInvisible($0) }),
            let last = text.lastIndex(where: { !isInvisible($0) })
        else { return "" }
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    var isBlank: Bool { trimmed.isEmpty }

    /// Ends as a sentence ends.
    var endsAsSentence: Bool {
        guard let last = trimmed.last else { return false }
        return ".!\"”’'):;…".contains(last)
    }

    /// Reads as a paragraph of prose rather than a heading or a widget.
    var isProse: Bool {
        !isHeading && ((wordCount >= 5 && endsAsSentence) || wordCount > 35 || (hasDateline && wordCount >= 5))
    }

    var couldBeTitle: Bool {
        (3...30).contains(wordCount) && !endsAsStatement && !hasDateline && !trimmed.hasPrefix("-")
    }

    /// Ends as a sentence of prose ends, not as a headline may (`… Main!`, `'… Penting'`).
    var endsAsStatement: Bool {
        guard let last = trimmed.last else { return false }
        return ".):;…".contains(last) && !trimmed.hasSuffix("..")
    }

    /// The whole line is a domain name, like `samudrafakta.com`.
    var isBareDomain: Bool { wordCount == 1 && Self.isDomain(trimmed) }

    /// The line opens with an outlet dateline.
    var hasDateline: Bool { datelineOutlet != nil }

    static func datelineOutlet(of trimmed: String, outlets: OutletDirectory) -> String? {
        // The name comes first, then a dash within the first few words.
        let head = trimmed.utf8.prefix(80)
        guard let dash = head.firstIndex(where: { $0 == 0x2D || $0 == 0xE2 }) else { return nil }
        let before = trimmed[trimmed.startIndex..<dash]
        if before.utf8.last != 0x20 && head[dash] == 0x2D && head.index(after: dash) < head.endIndex
            && head[head.index(after: dash)] != 0x2D && head[head.index(after: dash)] != 0x20
        {
            // A hyphen joining two words (`Baru-baru`) is not a dateline dash; one glued to the name
            // with a space after it is (`WARTA KOTA- Kabar…`).
            return nil
        }
        if head[dash] == 0xE2 {
            // Only en and em dashes (E2 80 93, E2 80 94) count among the multi-byte characters.
            let rest = trimmed.utf8[dash...].prefix(3)
            guard rest.elementsEqual([0xE2, 0x80, 0x93]) || rest.elementsEqual([0xE2, 0x80, 0x94]) else { return nil }
        }
        // `GenPI.co`, `TEMPO.CO, Jakarta`, `Jakarta, CNN Indonesia`, `Jakarta (ANTARA)`.
        guard before.split(separator: " ").count <= 5 else { return nil }
        let parts = before.split(separator: ",").map { Self.trim(String($0)) }
        guard parts.count <= 2 else { return nil }
        for part in parts {
            if isDomain(part) { return WebAddress.registrableDomain(of: part.lowercased()) }
            if let open = part.firstIndex(of: "("), part.hasSuffix(")") {
                let inside = part[part.index(after: open)..<part.index(before: part.endIndex)]
                if let domain = outlets.domain(forBrand: inside) { return domain }
            }
            // A brand in capitals (`TEMPO`), beside a city, or spelled as the outlet spells it before a
            // spaced dash opening a paragraph (`Dream – Hingga Kamis …`).
            let spacedDash = before.utf8.last == 0x20 && trimmed.utf8.count >= 80
            if part.uppercased() == part || parts.count == 2 || (spacedDash && part.first?.isUppercase == true),
                let domain = outlets.domain(forBrand: part)
            {
                return domain
            }
        }
        return nil
    }

    /// Headlines or time stamps of other articles run together on one line: a table of links
    /// (`| Judul | |---| | Judul |`) or a list such as `Megapolitan 14/08/2025, 18:20 WIB Megapolitan …`.
    var isRunTogetherList: Bool {
        let pipes =
            trimmed.utf8.withContiguousStorageIfAvailable { bytes in
                var pipes = 0
                for byte in bytes where byte == 0x7C { pipes += 1 }
                return pipes
            } ?? trimmed.utf8.count(where: { $0 == 0x7C })
        if pipes >= 4 { return true }
        guard lower.containsBytes(" wib"), lower.containsBytes("/20") else { return false }
        return occurrences(of: " wib") >= 3 && occurrences(of: "/20") >= 3
    }

    /// Another article's teaser with its section and stamp ahead of its text:
    /// `DETIKNEWS | Kamis 18 Jun 2015, 06:13 WIB Seorang korban …`.
    var isStampedTeaser: Bool {
        guard wordCount >= 10, let bar = trimmed.utf8.prefix(32).firstIndex(of: 0x7C) else { return false }
        let head = trimmed[trimmed.startIndex..<bar]
        guard head.split(separator: " ").count <= 3 else { return false }
        let after = trimmed[trimmed.utf8.index(after: bar)...].split(separator: " ")
        guard after.count >= 10 else { return false }
        let stamp = after.prefix(6).joined(separator: " ")
        guard let match = DateScanner.firstMatch(in: stamp), match.otherWords <= 1 else { return false }
        return match.date.hour != nil
    }

    private func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = Substring(lower)
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// Holds a time of day such as `9:26` or `18.06`: a digit, a colon or dot, two digits.
    var hasClockTime: Bool {
        let bytes = Array(trimmed.utf8)
        guard bytes.count >= 4 else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        for i in 0..<(bytes.count - 3)
        where isDigit(bytes[i]) && (bytes[i + 1] == 0x3A || bytes[i + 1] == 0x2E) && isDigit(bytes[i + 2])
            && isDigit(bytes[i + 3])
        {
            return true
        }
        return false
    }

    /// Share of words that start with a capital letter or a digit, as headlines do.
    var capitalisedShare: Double {
        let words = trimmed.split(separator: " ")
        guard !words.isEmpty else { return 0 }
        let capitalised = words.filter { $0.first?.isUppercase == true || $0.first?.isNumber == true }
        return Double(capitalised.count) / Double(words.count)
    }

    static func isDash(_ word: Substring) -> Bool {
        !word.isEmpty && word.allSatisfy { $0 == "-" || $0 == "–" || $0 == "—" }
    }

    /// The outlet of a dateline that ends the line with nothing after its dash.
    var trailingDatelineOutlet: String? {
        // Cheap test first: the line must end in a hyphen or an en or em dash (E2 80 93, E2 80 94).
        guard let lastByte = trimmed.utf8.last, lastByte == 0x2D || lastByte == 0x93 || lastByte == 0x94 else {
            return nil
        }
        let words = trimmed.split(separator: " ")
        guard let last = words.last, Self.isDash(last) else { return nil }
        return Self.datelineOutlet(before: words.count - 1, in: words, outlets: outlets)
    }

    /// The outlet of a dateline somewhere inside the line: `… WIB Jakarta, CNN Indonesia -- (thr/wis)`.
    var embeddedDatelineOutlet: String? {
        let words = trimmed.split(separator: " ")
        for index in words.indices where Self.isDash(words[index]) {
            if let domain = Self.datelineOutlet(before: index, in: words, outlets: outlets) { return domain }
        }
        return nil
    }

    /// Tries the one to five words before the dash at `dash` as a dateline.
    static func datelineOutlet(before dash: Int, in words: [Substring], outlets: OutletDirectory) -> String? {
        for count in 1...5 where count <= dash {
            let candidate = words[(dash - count)..<dash].joined(separator: " ") + " -"
            if let domain = datelineOutlet(of: candidate, outlets: outlets) { return domain }
        }
        return nil
    }

    /// Ends with an upper-case picture credit after the caption's last sentence:
    /// `… Jawa Timur. WARTA KOTA/HENRY LOPULALAN`, optionally repeated in parentheses.
    var endsWithUpperCaseCredit: Bool {
        guard wordCount >= 4, trimmed.containsBytes("/") else { return false }
        var text = Substring(trimmed)
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            guard Self.isUpperCaseCredit(text[text.index(after: open)..<text.index(before: text.endIndex)]) else {
                return false
            }
            text = Substring(text[..<open].trimmingTrailing(" "))
        }
        if let last = text.last, ".!?\"”’'):;…".contains(last) { return false }
        let tail = text.range(of: ". ", options: .backwards).map { text[$0.upperBound...] } ?? text
        return Self.isUpperCaseCredit(tail)
    }

    static func isUpperCaseCredit(_ text: Substring) -> Bool {
        let words = text.split(separator: " ")
        guard text.containsBytes("/"), (1...7).contains(words.count) else { return false }
        let letters = text.filter(\.isLetter)
        return !letters.isEmpty && letters.allSatisfy(\.isUppercase)
    }

    /// The first domain-like word of the line, lower-cased.
    var firstDomain: String? {
        for word in trimmed.split(separator: " ") {
            let cleaned = word.trimmingScalars(in: ".,;:()[]\"'")
            if Self.isDomain(cleaned) { return WebAddress.registrableDomain(of: cleaned.lowercased()) }
        }
        return nil
    }

    /// Ends with a picture's copyright credit: `… di Vodafone Park. (c) AP Photo`.
    var endsWithCopyrightCredit: Bool {
        guard wordCount >= 2, let mark = lower.lastByteRange(of: "(c) ") else { return false }
        let credit = lower[mark.upperBound...]
        return (1...5).contains(credit.split(separator: " ").count) && !credit.hasSuffix(".")
    }

    /// A picture's source alone, as a path: `Instagram/prillylatuconsina96`, `Instagram.com/riamiranda`,
    /// `Shutterstock/surflover`.
    var isSourcePath: Bool {
        // The outlet's own credit opening a caption: `KOMPAS.com/Nama Gran Max banyak dipilih …`,
        // however long when the photographer's name is in capitals (`KOMPAS.com/NAMA FOTOGRAFER Sebuah …`).
        if lower.containsByte(UInt8(ascii: "/")) {
            let first = lower.utf8.prefix(while: { $0 != UInt8(ascii: " ") })
            if let slash = first.firstIndex(of: UInt8(ascii: "/")),
                LineFacts.isDomain(String(decoding: first[..<slash], as: UTF8.self).filter { $0 != "\u{AE}" })
            {
                if wordCount <= 20 { return true }
                let name = trimmed.prefix(while: { $0 != " " }).drop(while: { $0 != "/" }).dropFirst()
                return name.count >= 2 && name.allSatisfy { $0.isLetter && $0.isUppercase }
            }
        }
        guard wordCount <= 3, let slash = lower.firstIndex(of: "/") else { return false }
        let source = lower[..<slash].split(separator: ".").first.map(String.init) ?? ""
        return !source.contains(" ") && ArticleExtractor.captionCredits.contains(source)
    }

    /// Ends with a picture credit glued by dashes to the caption's last sentence:
    /// `… cara cek penerima secara online.--Dokumen Palpos.id`, `… setiap hari.---Qoala.app`.
    var endsWithDashCredit: Bool {
        guard wordCount >= 5, let dashes = trimmed.lastByteRange(of: "--") else { return false }
        let before = trimmed[..<dashes.lowerBound].trimmingTrailing("-")
        guard let last = before.last, ".!?\"\u{201D}".contains(last) else { return false }
        let credit = trimmed[dashes.upperBound...]
        guard let first = credit.first, first != " ", !credit.hasSuffix(".") else { return false }
        return (1...4).contains(credit.split(separator: " ").count)
    }

    /// Ends with a picture credit in parentheses: `(Xinhua via Reuters)`, `(ANTARA/Foto)`.
    var endsWithCreditParenthetical: Bool {
        guard trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") else { return false }
        let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        let words = inside.lowercased().split(whereSeparator: { !$0.isLetter })
        guard !words.isEmpty, words.count <= 6 else { return false }
        return words.contains { ArticleExtractor.captionCredits.contains(String($0)) }
    }

    static let topLevelDomains: Set<String> = [
        "com", "id", "co", "net", "org", "info", "news", "tv", "me", "io", "biz", "online", "site", "web",
        "asia", "xyz", "today", "media", "club", "my", "sg", "uk", "us",
    ]

    /// A host name of an address: two or more labels of letters, digits and dashes, ending in letters.
    static func isHostName(_ text: some StringProtocol) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    static func isDomain(_ text: some StringProtocol) -> Bool {
        let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, topLevelDomains.contains(String(tld)) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}

extension String {
    /// Contains `word` with no letter or digit just before or after it.
    func containsWord(_ word: String) -> Bool {
        var rest = self[...]
        while let range = rest.range(of: word) {
            let before = range.lowerBound == startIndex ? nil : self[index(before: range.lowerBound)]
            let after = range.upperBound == endIndex ? nil : self[range.upperBound]
            if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false)
                && !(after?.isNumber ?? false)
            {
                return true
            }
            rest = self[range.upperBound...]
        }
        return false
    }

    /// Contains `marker` where a word begins: at the start or after a space or bracket, so that
    /// `dok.` matches `Dok. Polri` but not `pondok.`.
    func containsWordStart(_ marker: String) -> Bool {
        guard let first = marker.utf8.first else { return false }
        let isLetter = (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A)
        guard isLetter else { return containsBytes(marker) }
        guard containsBytes(marker) else { return false }
        if hasPrefix(marker) { return true }
        return [" ", "(", "[", "|", "/", "\"", "“"].contains { containsBytes($0 + marker) }
    }
}

extension StringProtocol {
    func trimmingTrailing(_ characters: String) -> String {
        var result = String(self)
        // A last byte that is printable ASCII and not among them ends a character that is not either.
        if let last = result.utf8.last, last.isVisibleASCII, !characters.utf8.contains(last) { return result }
        while let last = result.last, characters.contains(last) || last == " " { result.removeLast() }
        return result
    }
}
