import Entities
import Library
import Quotes
import Research
import Search
import TerminalUI

/// Draws the whole reader from its state: tab bar, the active pane, status line and overlays.
public enum ReaderView {
    public static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        let geometry = state.geometry
        guard !geometry.isTooSmall else {
            let text = "terminal too small: \(ScreenGeometry.minimumWidth)×\(ScreenGeometry.minimumHeight) needed"
            canvas.write(text.truncated(toWidth: state.width), x: 0, y: 0, role: .error)
            return canvas
        }
        drawTabs(state, into: &canvas)
        if state.pane == .stories {
            StoriesView.draw(state, in: geometry.content, into: &canvas)
        } else if let separator = geometry.separatorX {
            switch state.sidePane {
            case .search: drawSearch(state, in: geometry.side, into: &canvas)
            case .stories: StoriesView.draw(state, in: geometry.side, into: &canvas)
            default: drawList(state, in: geometry.side, into: &canvas)
            }
            for y in geometry.content.y..<geometry.content.maxY {
                canvas.write("│", x: separator, y: y, role: .border)
            }
            drawArticle(state, in: geometry.articleText, into: &canvas)
        } else {
            switch state.pane {
            case .list: drawList(state, in: geometry.content, into: &canvas)
            case .article: drawArticle(state, in: geometry.articleText, into: &canvas)
            case .search: drawSearch(state, in: geometry.content, into: &canvas)
            case .stories: StoriesView.draw(state, in: geometry.content, into: &canvas)
            }
        }
        drawStatus(state, into: &canvas)
        switch state.overlay {
        case .help(let scroll, let filter, let isEditing):
            drawHelp(state, scroll: scroll, filter: filter, isEditing: isEditing, into: &canvas)
        case .outletPicker(let selection, let typed, let isEditing):
            drawOutletPicker(state, selection: selection, typed: typed, isEditing: isEditing, into: &canvas)
        case .datePrompt(let input, let error): drawDatePrompt(input: input, error: error, into: &canvas)
        case .entityList(let selection): drawEntityList(state, selection: selection, into: &canvas)
        case .quotes(let speaker, let quotes, let selection):
            drawQuotes(speaker: speaker, quotes, selection: selection, into: &canvas)
        case .find(let input):
            let count = state.detail?.findMatches.count ?? 0
            let index = state.detail?.findIndex.map { $0 + 1 } ?? 0
            let result =
                input.value.isEmpty ? "Enter keeps · Esc clears" : count == 0 ? "no match" : "\(index) of \(count)"
            drawLinePrompt("Find: ", input: input, result: result, state: state, into: &canvas)
        case .skippedFiles(let files, let scroll):
            drawSkippedFiles(files, scroll: scroll, into: &canvas)
        case .timeline(let timeline):
            TimelineView.draw(timeline, into: &canvas)
        case .saveSearch(let input, let error):
            drawLinePrompt(
                "Save the search as: ", input: input, result: error ?? "Enter saves · Esc cancels", state: state,
                into: &canvas)
        case .savedSearches(let list):
            SavedSearchesView.draw(state, list, into: &canvas)
        case .notePrompt(let input, let passage):
            let excerpt = passage.replacingNewlines().truncated(toWidth: 24)
            drawLinePrompt(
                "Note on “\(excerpt)”: ", input: input, result: "Enter keeps (empty: highlight) · Esc", state: state,
                into: &canvas)
        case .notes(let list):
            NotesView.draw(state, list, into: &canvas)
        case .entities(let table):
            EntitiesTableView.draw(table, into: &canvas)
        case .historySearch(let input, let match):
            let found = match.flatMap { state.history.entries.indices.contains($0) ? state.history.entries[$0] : nil }
            drawLinePrompt(
                "Earlier query with: ", input: input,
                result: found.map { "→ \($0.replacingNewlines()) · Ctrl-R older · Enter" } ?? "no earlier query has it",
                state: state, into: &canvas)
        case .pipePrompt(let input):
            drawLinePrompt(
                "Pipe the article to: ", input: input, result: "Enter runs · Esc cancels", state: state, into: &canvas)
        case nil: break
        }
        return canvas
    }

    // MARK: - Frame

    static func drawTabs(_ state: AppState, into canvas: inout Canvas) {
        canvas.fill(canvas.bounds.row(0), role: .tabInactive)
        canvas.write(" kabar ", x: 0, y: 0, role: .title)
        var x = 0
        for (pane, span) in tabSpans {
            let label = " \((Pane.allCases.firstIndex(of: pane) ?? 0) + 1) \(pane.title) "
            let enabled = pane != .article || state.detail != nil
            let role: Role = pane == state.pane ? .tabActive : (enabled ? .tabInactive : .dim)
            x = canvas.write(label, x: span.lowerBound, y: 0, role: role)
        }
        let store = state.isSampleStore ? "sample store" : state.storeName
        let right = " " + store.truncated(toWidth: max(0, state.width - x - 3)) + " "
        if x + 2 + DisplayWidth.of(right) <= state.width {
            canvas.write(right, x: state.width - DisplayWidth.of(right), y: 0, role: .dim)
        }
    }

    /// The columns of each pane's tab in the tab bar.
    public static let tabSpans: [(pane: Pane, columns: Range<Int>)] = {
        var spans: [(pane: Pane, columns: Range<Int>)] = []
        var x = DisplayWidth.of(" kabar ")
        for (index, pane) in Pane.allCases.enumerated() {
            let width = DisplayWidth.of(" \(index + 1) \(pane.title) ")
            spans.append((pane, (x + 1)..<(x + 1 + width)))
            x += 1 + width
        }
        return spans
    }()

    static func drawStatus(_ state: AppState, into canvas: inout Canvas) {
        let y = state.height - 1
        canvas.fill(canvas.bounds.row(y), role: .status)
        var left = " "
        if (state.isLoadingList || state.isScanningStore) && state.articles.isEmpty {
            left += state.indexing == nil ? "loading…" : "0 articles yet"
        } else if let total = state.totalArticles, !state.filter.isEmpty {
            left += "\(state.articles.count) of \(total) articles"
        } else {
            left += "\(state.articles.count) article" + (state.articles.count == 1 ? "" : "s")
        }
        if !state.articles.isEmpty {
            left += " · \(state.unreadCount) unread"
            if state.pane == .list { left += " · \(state.listSelection + 1)/\(state.articles.count)" }
        }
        if state.pane == .stories && state.stories.comparison == nil {
            if let open = state.stories.open {
                left += " · story \(open.selection + 1)/\(open.rows.count)"
            } else if !state.stories.list.isEmpty {
                let count = state.stories.list.count
                left += " · \(count) stor\(count == 1 ? "y" : "ies") · \(state.stories.selection + 1)/\(count)"
            }
        }
        if state.viewsSearch, let results = state.search.results, !state.search.input.isEmpty {
            left += " · “\(state.search.input)” \(results.countText) found"
            if results.totalCount > 0 { left += " · \(state.search.selection + 1)/\(results.countText)" }
        }
        if state.isSampleStore { left += " · sample store" }
        var x = canvas.write(left, x: 0, y: y, role: .status)
        if !state.filter.isEmpty {
            x = canvas.write(" · filter: " + state.filter.summary + " (c clears)", x: x, y: y, role: .statusFilter)
            if state.filter.hidesUndated, let hidden = state.hiddenUndated, hidden > 0 {
                var note = " · \(hidden) undated hidden"
                if let key = state.keymap.keys(for: .toggleUndated).first { note += " · \(key) shows them" }
                x = canvas.write(note, x: x, y: y, role: .statusFilter)
            }
        }
        let hint: String
        if let problem = state.connectionProblem {
            hint = "reconnecting… (\(problem))"
        } else if let message = state.message {
            hint = message
        } else if let exporting = state.exporting {
            hint = "exporting \(exporting.done)/\(exporting.total) articles… Esc stops"
        } else if let indexing = state.indexing {
            hint = indexingSummary(indexing, barWidth: 10)
        } else {
            hint = "? help  q back/quit"
        }
        let text = " " + hint + " "
        let width = DisplayWidth.of(text)
        let busy = state.indexing != nil || state.exporting != nil || state.connectionProblem != nil
        let role: Role = state.message == nil && !busy ? .status : .statusFilter
        if x + width <= state.width {
            canvas.write(text, x: state.width - width, y: y, role: role)
        } else if state.message != nil || busy {
            canvas.fill(canvas.bounds.row(y), role: .status)
            canvas.write(text.truncated(toWidth: state.width), x: 0, y: y, role: .statusFilter)
        }
    }

    /// `indexing ████░░ 45% 1234/10000 · 850/s · 12 s left` in phase 1; `finding names ██░░ …` in
    /// phase 2, when every article is listed and searchable by its words.
    public static func indexingSummary(_ progress: IndexingProgress, barWidth: Int) -> String {
        let filled = min(barWidth, Int(progress.fraction * Double(barWidth)))
        var text = (progress.phase == .words ? "indexing " : "finding names ") + String(repeating: "█", count: filled)
        text += String(repeating: "░", count: barWidth - filled)
        text += " \(Int(progress.fraction * 100))% \(progress.done)/\(progress.total)"
        if let rate = progress.rate { text += " · \(Int(rate.rounded()))/s" }
        if let left = progress.secondsLeft { text += " · " + duration(left) + " left" }
        return text
    }

    /// `12 s`, `3 min 20 s`, `1 h 5 min`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min" + (total % 60 == 0 ? "" : " \(total % 60) s") }
        return "\(total / 3600) h \(total % 3600 / 60) min"
    }

    // MARK: - Panes

    static func drawList(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        canvas.write(ListLayout.header(width: area.width), x: area.x, y: area.y)
        drawTimelineStrip(state, in: area, into: &canvas)
        let rows = area.droppingTop(1)
        if state.articles.isEmpty, let indexing = state.indexing {
            // A first index: the list fills as files are read.
            let box = rows.centered(width: min(rows.width, 64), height: 3)
            canvas.write(
                " Indexing the store; the list fills as files are read.", x: box.x, y: box.y, role: .heading,
                maxX: box.maxX)
            canvas.write(
                " " + indexingSummary(indexing, barWidth: max(4, min(30, box.width - 40))), x: box.x, y: box.y + 2,
                maxX: box.maxX)
            return
        }
        if state.articles.isEmpty {
            canvas.write(" " + emptyListText(state), x: rows.x, y: rows.y, role: .dim, maxX: rows.maxX)
            return
        }
        for row in 0..<rows.height {
            let index = state.listTop + row
            guard state.articles.indices.contains(index) else { break }
            guard let summary = state.articles[index] else {
                // A row whose page is on its way.
                let selected = index == state.listSelection
                canvas.write(
                    StyledLine(" …".padded(toWidth: rows.width), role: selected ? .listSelected : .dim), x: rows.x,
                    y: rows.y + row, maxX: rows.maxX)
                continue
            }
            let line = ListLayout.row(
                summary, width: rows.width, selected: index == state.listSelection,
                read: state.marks.isRead(summary.path), starred: state.marks.isStarred(summary.path))
            canvas.write(line, x: rows.x, y: rows.y + row, maxX: rows.maxX)
        }
    }

    /// The list's articles over time at the right of its header, on screens wide enough to show
    /// the list beside the article: a sparkline, with the first and last month where there is room
    /// (`T` draws the whole timeline).
    static func drawTimelineStrip(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        guard state.geometry.isSplit, let days = state.listDays, let first = days.map(\.day).min(),
            let last = days.map(\.day).max()
        else { return }
        let titles = ListLayout.header(width: area.width).text
        let start = area.x + DisplayWidth.of(String(titles.reversed().drop { $0 == " " }.reversed())) + 2
        let room = area.maxX - start - 1
        let labelled = room >= 26
        let bars = min(32, labelled ? room - 16 : room)
        guard bars >= 8 else { return }
        let text = Timeline.sparkline(Timeline.buckets(days, first: first, last: last, count: bars))
        var x = area.maxX - 1 - DisplayWidth.of(text) - (labelled ? 16 : 0)
        if labelled { x = canvas.write(String(first.prefix(7)) + " ", x: x, y: area.y, role: .dim) }
        x = canvas.write(text, x: x, y: area.y, role: .chart)
        if labelled { canvas.write(" " + String(last.prefix(7)), x: x, y: area.y, role: .dim) }
    }

    /// What an empty list says: still reading, nothing passes the filter, nothing could be read,
    /// or no articles at all.
    static func emptyListText(_ state: AppState) -> String {
        if state.isScanningStore { return "Reading the store…" }
        if state.isLoadingList { return "Loading…" }
        if !state.filter.isEmpty { return "No article passes the filter; c clears it." }
        let skipped = state.skippedFileCount
        if skipped > 0 {
            return "No article could be read: \(skipped) file\(skipped == 1 ? "" : "s") skipped, ! lists them."
        }
        return "This store has no articles (.txt files)."
    }

    static func drawArticle(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        guard let detail = state.detail else {
            canvas.write(
                " No article open: choose one in the list and press Enter.", x: area.x, y: area.y, role: .dim,
                maxX: area.maxX)
            return
        }
        for row in 0..<area.height {
            let index = detail.scroll + row
            guard detail.lines.indices.contains(index) else { break }
            canvas.write(detail.lines[index], x: area.x, y: area.y + row, maxX: area.maxX)
            // Lines chosen for a note are marked in the margin.
            if let selection = detail.selection, selection.lines.contains(index) {
                canvas.write(index == selection.cursor ? "▶" : "▌", x: area.x, y: area.y + row, role: .highlight)
            }
        }
        if detail.lines.count > area.height, area.height > 0 {
            let percent = min(100, (detail.scroll + area.height) * 100 / max(1, detail.lines.count))
            let label = " \(percent)% "
            canvas.write(label, x: area.maxX - DisplayWidth.of(label), y: area.maxY - 1, role: .dim)
        }
    }

    static func drawSearch(_ state: AppState, in area: Rect, into canvas: inout Canvas) {
        let search = state.search
        let x = canvas.write(" / ", x: area.x, y: area.y, role: .prompt)
        drawInput(
            search.isEditing ? search.prompt : LineInput(text: search.input), x: x, y: area.y,
            maxX: area.maxX, showsCursor: search.isEditing, into: &canvas)
        if search.hasNothingToSearch {
            canvas.write(" " + SearchQuery.nothingToSearchFor, x: area.x, y: area.y + 1, role: .error, maxX: area.maxX)
            return
        }
        if let error = search.queryError {
            // A caret under the character the error points at, then the reason.
            let before = String(search.input.prefix(error.offset))
            let caret = min(area.maxX - 1, area.x + 3 + DisplayWidth.of(before))
            let after = canvas.write("^", x: caret, y: area.y + 1, role: .error)
            canvas.write(" " + error.message, x: after, y: area.y + 1, role: .error, maxX: area.maxX)
            return
        }
        let info: StyledLine
        if search.input.allSatisfy(\.isWhitespace) {
            info = StyledLine(
                " Words, \"a phrase\", prefix*, -not, OR, ( ); person: org: place: outlet: from: to: since: sort:",
                role: .dim)
        } else if let results = search.results {
            var text = " \(results.countText) matching article" + (results.totalCount == 1 ? "" : "s")
            if let indexing = state.indexing, indexing.phase == .names, search.resultsQuery?.needsNames == true {
                // Names, quotes and stories are still being found.
                text += " · partial: names \(Int(indexing.fraction * 100))% found"
            }
            if let elapsed = search.elapsedMilliseconds {
                text += " · " + (elapsed < 10 ? String(Double(Int(elapsed * 10)) / 10) : String(Int(elapsed))) + " ms"
            }
            if !state.filter.isEmpty { text += " · filtered" }
            info = StyledLine(text, role: .heading)
        } else {
            info = StyledLine(" searching…", role: .dim)
        }
        canvas.write(info, x: area.x, y: area.y + 1, maxX: area.maxX)
        guard let results = search.results else { return }
        let list = area.droppingTop(2)
        if results.hits.isEmpty {
            canvas.write(" Nothing matches.", x: list.x, y: list.y, role: .dim)
            return
        }
        for slot in 0..<state.searchHitRows {
            let index = search.top + slot
            guard index < search.hitCount else { break }
            let y = list.y + slot * 3
            guard y < list.maxY else { break }
            guard let hit = search.hit(at: index) else {
                // Its page is on its way.
                canvas.write(" …", x: list.x, y: y, role: index == search.selection ? .listSelected : .dim)
                continue
            }
            // The selected hit is the one Enter opens, while typing too.
            let headline = ListLayout.row(hit.summary, width: list.width, selected: index == search.selection)
            canvas.write(headline, x: list.x, y: y, maxX: list.maxX)
            if y + 1 < list.maxY {
                let snippet = Highlighter.styled(
                    Substring(hit.snippet.replacingNewlines()), baseOffset: 0, entities: [],
                    matches: hit.snippetMatches,
                    role: .dim)
                var line = StyledLine("   ")
                line.runs += snippet.runs
                canvas.write(line, x: list.x, y: y + 1, maxX: list.maxX - 1)
            }
        }
    }

    // MARK: - Overlays

    static func box(_ canvas: inout Canvas, _ rect: Rect, title: String) {
        canvas.fill(rect, role: .text)
        let horizontal = String(repeating: "─", count: max(0, rect.width - 2))
        canvas.write("┌" + horizontal + "┐", x: rect.x, y: rect.y, role: .border)
        canvas.write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, role: .border)
        for y in (rect.y + 1)..<max(rect.y + 1, rect.maxY - 1) {
            canvas.write("│", x: rect.x, y: y, role: .border)
            canvas.write("│", x: rect.maxX - 1, y: y, role: .border)
        }
        canvas.write(" \(title) ", x: rect.x + 2, y: rect.y, role: .heading, maxX: rect.maxX - 1)
    }

    /// One help entry: an action, its keys as help names them, and what it does.
    public struct HelpEntry: Hashable, Sendable {
        public var keys: String
        public var action: Action
    }

    /// Every action with its keys, from the keymap; those matching `filter` (in keys, name or
    /// help, ignoring case) when one is given. Actions without a key are listed too, so their
    /// names can be bound in the config file.
    public static func helpEntries(_ keymap: Keymap, filter: String = "") -> [HelpEntry] {
        let needle = filter.lowercased()
        return Action.allCases.compactMap { action in
            let keys = keymap.keys(for: action).map(\.description).joined(separator: " ")
            let entry = HelpEntry(keys: keys.isEmpty ? "(no key)" : keys, action: action)
            guard !needle.isEmpty else { return entry }
            let haystack = [entry.keys, action.rawValue, action.help].joined(separator: " ").lowercased()
            return haystack.contains(needle) ? entry : nil
        }
    }

    /// The help's lines at an inner width: keys, action name and help on one line when wide
    /// enough, else the help on a line of its own.
    public static func helpLines(
        _ keymap: Keymap, filter: String = "", problems: [String] = [], width: Int = 96
    ) -> [StyledLine] {
        var lines: [StyledLine] = []
        if filter.isEmpty && !problems.isEmpty {
            lines.append(StyledLine("config.toml:", role: .error))
            lines += problems.map { StyledLine("  " + $0, role: .error) }
            lines.append("")
        }
        let entries = helpEntries(keymap, filter: filter)
        let wide = width >= 70
        let margin = 20 + 19
        for entry in entries {
            var line = StyledLine(entry.keys.padded(toWidth: 19) + " ", role: .prompt)
            line.append(entry.action.rawValue.padded(toWidth: 18) + " ", role: .dim)
            if wide {
                // Long help wraps under itself.
                let wrapped = StyledLine(entry.action.help).wrapped(toWidth: max(10, width - margin - 1))
                line.runs += wrapped.first?.runs ?? []
                lines.append(line)
                for more in wrapped.dropFirst() {
                    lines.append(StyledLine([StyledRun(String(repeating: " ", count: margin))] + more.runs))
                }
            } else {
                lines.append(line)
                lines.append(StyledLine("   " + entry.action.help))
            }
        }
        if entries.isEmpty { lines.append(StyledLine("No key matches.", role: .dim)) }
        if filter.isEmpty {
            lines.append("")
            lines.append(StyledLine("In the search pane, type to search; Enter opens the best hit,", role: .dim))
            lines.append(StyledLine("Esc or ↓ moves to the results. Ctrl-C quits from anywhere.", role: .dim))
            lines.append(StyledLine("Rebind keys by action name in config.toml (see the README).", role: .dim))
        }
        return lines
    }

    static func drawHelp(
        _ state: AppState, scroll: Int, filter input: LineInput, isEditing: Bool, into canvas: inout Canvas
    ) {
        let filter = input.value
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let width = min(area.width, 100)
        let lines = helpLines(state.keymap, filter: filter, problems: state.configProblems, width: width - 4)
        let rect = area.centered(width: width, height: lines.count + 4)
        let count = helpEntries(state.keymap, filter: filter).count
        box(&canvas, rect, title: filter.isEmpty ? "Keys" : "Keys matching “\(filter)”: \(count)")
        let inner = rect.inset(by: 1)
        if filter.isEmpty && !isEditing {
            canvas.write(
                " / searches · j k scroll · Esc closes", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
        } else {
            let x = canvas.write(" / ", x: inner.x, y: inner.y, role: .prompt)
            drawInput(
                isEditing ? input : LineInput(text: filter), x: x, y: inner.y, maxX: inner.maxX, showsCursor: isEditing,
                into: &canvas)
        }
        let body = inner.droppingTop(2)
        let start = min(scroll, max(0, lines.count - body.height))
        for row in 0..<body.height where lines.indices.contains(start + row) {
            canvas.write(lines[start + row], x: body.x + 1, y: body.y + row, maxX: body.maxX)
        }
    }

    static func drawOutletPicker(
        _ state: AppState, selection: Int, typed: String, isEditing: Bool, into canvas: inout Canvas
    ) {
        let choices = state.outletChoices(matching: typed)
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(44, area.width), height: min(area.height, max(choices.count, 1) + 3))
        box(&canvas, rect, title: typed.isEmpty ? "Filter by outlet" : "Outlets matching “\(typed)”: \(choices.count)")
        let inner = rect.inset(by: 1)
        if typed.isEmpty && !isEditing {
            canvas.write(" / types a filter · Enter picks", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
        } else {
            let x = canvas.write(" / ", x: inner.x, y: inner.y, role: .prompt)
            let end = canvas.write(typed, x: x, y: inner.y, role: .text, maxX: inner.maxX - 1)
            if isEditing { canvas.write("▏", x: end, y: inner.y, role: .prompt) }
        }
        let rows = inner.droppingTop(1)
        if choices.isEmpty {
            canvas.write(" no outlet matches", x: rows.x, y: rows.y, role: .dim, maxX: rows.maxX)
            return
        }
        let top = max(0, selection - rows.height + 1)
        for row in 0..<rows.height where choices.indices.contains(top + row) {
            let choice = choices[top + row]
            let countText = String(choice.count)
            let nameWidth = max(1, rows.width - DisplayWidth.of(countText) - 3)
            let text =
                " " + choice.label.truncated(toWidth: nameWidth).padded(toWidth: nameWidth) + " " + countText + " "
            let selected = top + row == selection
            let role: Role = selected ? .listSelected : (choice.kind == .unknown ? .dim : .text)
            canvas.write(text, x: rows.x, y: rows.y + row, role: role, maxX: rows.maxX)
        }
    }

    /// The open article's entities, each once with its mention count, kinds in their entity colours.
    static func drawEntityList(_ state: AppState, selection: Int, into canvas: inout Canvas) {
        guard let entries = state.detail?.entities else { return }
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(60, area.width), height: min(area.height, entries.count + 4))
        let mentions = entries.reduce(0) { $0 + $1.mentions.count }
        box(&canvas, rect, title: "\(entries.count) entities, \(mentions) mentions")
        let inner = rect.inset(by: 1)
        let rows = max(0, inner.height - 2)
        let top = max(0, min(selection - rows + 1, entries.count - rows))
        let article = state.detail?.article
        for row in 0..<rows where entries.indices.contains(top + row) {
            let entry = entries[top + row]
            let selected = top + row == selection
            // A person's quotes across the store once counted (else in the article), beside the mentions.
            let said =
                entry.kind == .person
                ? state.detail?.storeQuoteCounts?[entry.name] ?? article.map { quoteCount(of: entry.name, in: $0) } ?? 0
                : 0
            let count = (said > 0 ? "\(said) quote\(said == 1 ? "" : "s") · " : "") + String(entry.mentions.count)
            let kind: String
            switch entry.kind {
            case .person: kind = "person "
            case .organization: kind = "org    "
            case .place: kind = "place  "
            }
            let nameWidth = max(1, inner.width - 7 - DisplayWidth.of(count) - 4)
            var line = StyledLine(" ", role: selected ? .listSelected : .text)
            line.append(kind, role: selected ? .listSelected : Highlighter.role(for: entry.kind))
            line.append(
                entry.name.truncated(toWidth: nameWidth).padded(toWidth: nameWidth),
                role: selected ? .listSelected : .text)
            line.append("  " + count + " ", role: selected ? .listSelected : .dim)
            canvas.write(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
        }
        canvas.write(
            " Enter go to · m/M mentions · / search · \" quotes · Esc", x: inner.x, y: inner.maxY - 1,
            role: .dim, maxX: inner.maxX)
    }

    /// How many of the article's quotes the person said (their speaker's name has the person's words).
    static func quoteCount(of name: String, in article: StoredArticle) -> Int {
        let words = Set(EntityDirectory.normalisedWords(name))
        guard !words.isEmpty else { return 0 }
        return article.quotes.count { quote in
            quote.speaker.map { words.isSubset(of: EntityDirectory.normalisedWords($0)) } ?? false
        }
    }

    /// Everything one person said across the store, newest first: date, outlet, the quote's
    /// beginning.
    static func drawQuotes(speaker: String, _ quotes: [QuoteSummary], selection: Int, into canvas: inout Canvas) {
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(100, area.width), height: min(area.height, max(1, quotes.count) + 4))
        let title =
            quotes.isEmpty
            ? "No quotes by \(speaker) in the store"
            : "\(quotes.count) quote\(quotes.count == 1 ? "" : "s") by \(speaker), newest first"
        box(&canvas, rect, title: title)
        let inner = rect.inset(by: 1)
        let rows = max(0, inner.height - 2)
        let top = max(0, min(selection - rows + 1, quotes.count - rows))
        for row in 0..<rows where quotes.indices.contains(top + row) {
            let quote = quotes[top + row]
            let selected = top + row == selection
            let date = quote.article.published.map { String($0.iso.prefix(10)) } ?? "undated"
            let outlet = (quote.article.outlet ?? "-").truncated(toWidth: 16).padded(toWidth: 16)
            var line = StyledLine(" ", role: selected ? .listSelected : .text)
            line.append(date.padded(toWidth: 11), role: selected ? .listSelected : .listDate)
            line.append(outlet + " ", role: selected ? .listSelected : .listOutlet)
            let mark = quote.kind == .direct ? "“" : "~ "
            line.append(
                (mark + quote.excerpt.replacingNewlines()).truncated(toWidth: max(1, inner.width - 30)),
                role: selected ? .listSelected : (quote.kind == .direct ? .quote : .text))
            canvas.write(line, x: inner.x, y: inner.y + row, maxX: inner.maxX)
        }
        if quotes.isEmpty {
            canvas.write(
                " No quote in the index names this person as its speaker.", x: inner.x, y: inner.y, role: .dim,
                maxX: inner.maxX)
        }
        canvas.write(
            " Enter open the article at the quote · ~ reported speech · Esc", x: inner.x, y: inner.maxY - 1,
            role: .dim, maxX: inner.maxX)
    }

    /// The files the index could not use: path, then the reason below it.
    static func drawSkippedFiles(_ files: [SkippedFile], scroll: Int, into canvas: inout Canvas) {
        let area = canvas.bounds.droppingTop(1).droppingBottom(1)
        let rect = area.centered(width: min(area.width, 100), height: min(area.height, files.count * 2 + 4))
        let title =
            files.isEmpty
            ? "Every file was indexed" : "\(files.count) file\(files.count == 1 ? "" : "s") could not be indexed"
        box(&canvas, rect, title: title)
        let inner = rect.inset(by: 1)
        if files.isEmpty {
            canvas.write(" Nothing was skipped.", x: inner.x, y: inner.y, role: .dim, maxX: inner.maxX)
            return
        }
        var lines: [StyledLine] = []
        for file in files {
            lines.append(StyledLine(" " + file.path.replacingNewlines(), role: .text))
            lines.append(StyledLine("   " + file.reason, role: .dim))
        }
        let body = inner.droppingBottom(1)
        let start = min(scroll * 2, max(0, lines.count - body.height))
        for row in 0..<body.height where lines.indices.contains(start + row) {
            canvas.write(lines[start + row], x: body.x, y: body.y + row, maxX: body.maxX)
        }
        canvas.write(
            " j k scroll · Esc closes · kabar doctor reports them too", x: inner.x, y: inner.maxY - 1, role: .dim,
            maxX: inner.maxX)
    }

    /// A one-line prompt over the status line, with a result or hint on the right.
    static func drawLinePrompt(
        _ label: String, input: LineInput, result: String, state: AppState, into canvas: inout Canvas
    ) {
        let y = state.height - 1
        canvas.fill(canvas.bounds.row(y), role: .text)
        let hint = " " + result + " "
        let right = max(0, state.width - DisplayWidth.of(hint))
        let x = canvas.write(" " + label, x: 0, y: y, role: .prompt, maxX: right)
        drawInput(input, x: x, y: y, maxX: right, into: &canvas)
        canvas.write(hint, x: right, y: y, role: .dim)
    }

    /// A prompt's input from `x`: the typed text and the cursor after it, or, while nothing is
    /// typed, the cursor before the previous entry drawn dim with how to recall it.
    static func drawInput(
        _ input: LineInput, x: Int, y: Int, maxX: Int, showsCursor: Bool = true, into canvas: inout Canvas
    ) {
        guard input.showsPlaceholder else {
            let end = canvas.write(input.text, x: x, y: y, role: .text, maxX: max(x, maxX - 1))
            if showsCursor { canvas.write("▏", x: end, y: y, role: .prompt, maxX: maxX) }
            return
        }
        guard showsCursor else {
            canvas.write(input.placeholder, x: x, y: y, role: .text, maxX: maxX)
            return
        }
        let start = canvas.write("▏", x: x, y: y, role: .prompt, maxX: maxX)
        let end = canvas.write(input.placeholder, x: start, y: y, role: .dim, maxX: maxX)
        canvas.write("  (↑ edits)", x: end, y: y, role: .dim, maxX: maxX)
    }

    static func drawDatePrompt(input: LineInput, error: String?, into canvas: inout Canvas) {
        let rect = canvas.bounds.droppingTop(1).droppingBottom(1).centered(width: 64, height: 6)
        box(&canvas, rect, title: "Filter by date")
        let inner = rect.inset(by: 1)
        canvas.write(
            " From..to, e.g. 2024-06-01..2024-06-30, 2024-06, 2024", x: inner.x, y: inner.y, role: .dim,
            maxX: inner.maxX)
        let x = canvas.write(" > ", x: inner.x, y: inner.y + 1, role: .prompt)
        drawInput(input, x: x, y: inner.y + 1, maxX: inner.maxX, into: &canvas)
        if let error {
            canvas.write(" " + error, x: inner.x, y: inner.y + 2, role: .error, maxX: inner.maxX)
        } else {
            canvas.write(
                " Enter applies · empty clears the dates · Esc cancels", x: inner.x, y: inner.y + 3, role: .dim,
                maxX: inner.maxX)
        }
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
