import Foundation
import KabarTestSupport
import SampleStore
import Testing

/// An article the sample store does not have: it alone mentions Zulkifli.
let zulkifliArticle = """
    Menteri Zulkifli Hasan Meninjau Pasar Induk Kramat Jati

    Jakarta - Menteri Perdagangan Zulkifli Hasan meninjau Pasar Induk Kramat Jati pada Senin pagi. \
    Ia mengatakan harga beras dan cabai stabil menjelang hari raya.

    Kunjungan itu berlangsung dua jam dan diikuti pejabat pemerintah daerah setempat.
    """

@Suite("kabar for scripts: naming a store, queries and outlets")
struct ScriptStoreAndQueryTests {
    let cache: TemporaryFolder
    let store: TemporaryFolder

    init() throws {
        cache = try TemporaryFolder()
        store = try TemporaryFolder()
        try store.write("pasar.txt", zulkifliArticle)
    }

    func kabar(_ arguments: String...) throws -> CommandResult { try runKabar(arguments, home: cache) }

    @Test("list and doctor take the store as an argument or as --store, alike")
    func listAndDoctorNameTheStoreAlike() throws {
        let byArgument = try kabar("list", store.url.path)
        let byOption = try kabar("list", "--store", store.url.path)
        #expect(byArgument.status == 0, "\(byArgument.errorOutput)")
        #expect(byArgument.output.contains("Menteri Zulkifli Hasan"))
        #expect(byArgument.output == byOption.output)
        for arguments in [["doctor", store.url.path], ["doctor", "--store", store.url.path]] {
            let doctor = try runKabar(arguments, home: cache)
            #expect(doctor.status == 0, "\(arguments): \(doctor.errorOutput)")
            #expect(doctor.output.contains("1 article from 1 outlet"), "\(doctor.output)")
        }
        for command in ["list", "doctor", "read"] {
            let twice = try kabar(command, store.url.path, "--store", SampleStore.url.path)
            #expect(twice.status == 2, "\(command)")
            #expect(twice.errorOutput.contains("two stores given"), "\(command): \(twice.errorOutput)")
        }
    }

    @Test("search takes --store before or after the query")
    func searchTakesTheStoreOptionAnywhere() throws {
        for result in [
            try kabar("search", "zulkifli", "--store", store.url.path),
            try kabar("search", "--store", store.url.path, "zulkifli"),
        ] {
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.hasSuffix("1 matching article\n"), "\(result.output)")
        }
    }

    @Test("a folder as the first or last word of a query is the store, and a note says so")
    func aFolderAmongTheWordsIsTheStore() throws {
        for result in [
            try kabar("search", "zulkifli", store.url.path), try kabar("search", store.url.path, "zulkifli"),
        ] {
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.hasSuffix("1 matching article\n"), "\(result.output)")
            #expect(result.errorOutput.contains("searching the store \(store.url.path) (a folder) for zulkifli"))
        }
    }

    @Test("a folder elsewhere in a query, or alone, is refused with a pointer to --store")
    func aFolderInTheMiddleIsRefused() throws {
        for result in [try kabar("search", "menteri", store.url.path, "pasar"), try kabar("search", store.url.path)] {
            #expect(result.status == 2)
            #expect(result.errorOutput.contains("\(store.url.path) names a folder"), "\(result.errorOutput)")
            #expect(result.errorOutput.contains("--store"))
            #expect(result.output.isEmpty)
        }
    }

    @Test("a query may start with a dash, with or without -- before it")
    func queryStartingWithADash() throws {
        for result in [try kabar("search", "-kirby"), try kabar("search", "--", "-kirby")] {
            #expect(result.status == 0, "\(result.errorOutput)")
            #expect(result.output.hasSuffix("4 matching articles\n"), "\(result.output)")
        }
        // `--` ends the options and is no query word; a word after it may start with `--`.
        let afterTerminator = try kabar("search", "--json", "--", "-kirby")
        let snippets = afterTerminator.output.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }.compactMap { $0["snippet"] as? String }
        #expect(snippets.count == 4, "\(afterTerminator.output)")
        // An exclusion alone still shows each article's opening words.
        #expect(snippets.allSatisfy { !$0.isEmpty }, "\(snippets)")
        #expect(try kabar("search", "--", "kirby").output.hasSuffix("1 matching article\n"))
        let misspelt = try kabar("search", "--limt", "3", "kirby")
        #expect(misspelt.status == 2)
        #expect(misspelt.errorOutput.contains("unknown option --limt"), "\(misspelt.errorOutput)")
    }

    @Test("AND between words means what nothing between them means")
    func andIsTheDefaultConjunction() throws {
        let result = try kabar("search", "putin", "AND", "kirby")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasSuffix("1 matching article\n"), "\(result.output)")
        #expect(try kabar("search", "--help").output.contains("AND between terms"))
    }

    @Test("--outlet is a prefix of the domain, as outlet: in a query is")
    func outletOptionIsAPrefix() throws {
        let listed = try kabar("list", "--outlet", "genpi")
        #expect(listed.status == 0, "\(listed.errorOutput)")
        #expect(listed.output.split(separator: "\n").count == 1)
        #expect(listed.output.contains("\tgenpi.co\t"))
        let byOption = try kabar("search", "putin", "--outlet", "genpi")
        let byField = try kabar("search", "putin", "outlet:genpi")
        #expect(byOption.output.hasSuffix("1 matching article\n"), "\(byOption.output)")
        #expect(byOption.output == byField.output)
        #expect(listed.errorOutput.isEmpty && byOption.errorOutput.isEmpty)
    }

    @Test(
        "an outlet filter that matches no outlet at all says so on standard error",
        arguments: [
            ["list", "--outlet", "kompas"], ["search", "putin", "outlet:kompas"],
            ["search", "putin", "--outlet", "kompas"],
        ])
    func unknownOutletIsNoted(arguments: [String]) throws {
        let result = try runCommand(
            kabarBinary, arguments, environment: ["XDG_CACHE_HOME": cache.url.path, "LANG": "C.UTF-8"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("no outlet of this store starts with kompas"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("genpi.co"))
    }
}
