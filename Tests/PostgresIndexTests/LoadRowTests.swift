import Foundation
import Testing

@testable import PostgresIndex

@Suite("Team index rows, without a server")
struct LoadRowTests {
    @Test("confidences are written as JSONEncoder writes them, read back the same, and none for what JSON cannot hold")
    func confidences() throws {
        let values: [Float?] = [0.5, nil, 1, 0, 1e-05, 0.87654321, 3.4028235e38, -0.25, 0.1, 1.5e-38, 120, -3, 1e+20]
        let written = TeamLoader.json(values)
        #expect(written == String(decoding: try JSONEncoder().encode(values), as: UTF8.self))
        #expect(try JSONDecoder().decode([Float?].self, from: Data(written.utf8)) == values)
        #expect(TeamLoader.json([]) == "[]")
        let odd: [Float?] = [.nan, 0.75, .infinity, -.infinity]
        #expect(TeamLoader.json(odd) == "[null,0.75,null,null]")
        #expect(
            try JSONDecoder().decode([Float?].self, from: Data(TeamLoader.json(odd).utf8)) == [nil, 0.75, nil, nil])
    }
}
