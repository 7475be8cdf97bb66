import Foundation
import GRDB
import GRDBSQLite

/// `kabar_rank(fts, weights)`: relevance as FTS5's `bm25` scores it (lower is better), with each
/// phrase's weight given rather than counted. `bm25` counts every phrase's articles in the whole
/// index before it scores the first match, which for a common word of a large archive takes
/// longer than a frame; the weights here are estimated cheaply (`SearchPlan.rankWeights`).
///
/// `weights` is text: the column weights, a `;`, then one weight per phrase of the MATCH
/// expression in its order, all separated by commas (`4,1,0;2.3,2.3,0`).
enum RankFunction {
    static let name = "kabar_rank"
    /// bm25's constants, as FTS5 has them.
    static let k1 = 1.2
    static let b = 0.75

    /// Makes the function known to FTS5 on this connection.
    static func register(_ db: Database) throws {
        let api = FTS5.api(db)
        guard let create = api.pointee.xCreateFunction else { return }
        let code = create(UnsafeMutablePointer(mutating: api), name, nil, kabarRank, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(name)")
        }
    }

    /// The weights of a statement, read once from its argument.
    final class Weights {
        let columns: [Double]
        let phrases: [Double]
        let averageSize: Double

        init?(_ text: String, rows: Int64, tokens: Int64) {
            let parts = text.split(separator: ";", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let columns = parts[0].split(separator: ",").compactMap { Double($0) }
            let phrases = parts[1].split(separator: ",").compactMap { Double($0) }
            self.columns = columns
            self.phrases = phrases
            averageSize = rows > 0 ? Double(tokens) / Double(rows) : 1
        }

        /// The weights as the argument says them.
        static func argument(columns: [Double], phrases: [Double]) -> String {
            columns.map { String($0) }.joined(separator: ",") + ";" + phrases.map { String($0) }.joined(separator: ",")
        }
    }
}

/// The function FTS5 calls for each row.
private func kabarRank(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?, _ count: Int32,
    _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let values, count == 1 else {
        sqlite3_result_error(context, "kabar_rank takes the table and its weights", -1)
        return
    }
    let calls = api.pointee
    let weights: RankFunction.Weights
    if let saved = calls.xGetAuxdata(fts, 0) {
        weights = Unmanaged<RankFunction.Weights>.fromOpaque(saved).takeUnretainedValue()
    } else {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        guard calls.xRowCount(fts, &rows) == SQLITE_OK, calls.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK,
            let text = sqlite3_value_text(values[0]),
            let read = RankFunction.Weights(String(cString: text), rows: rows, tokens: tokens)
        else {
            sqlite3_result_error(context, "kabar_rank: weights not understood", -1)
            return
        }
        weights = read
        let retained = Unmanaged.passRetained(read).toOpaque()
        guard calls.xSetAuxdata(fts, retained, releaseWeights) == SQLITE_OK else {
            sqlite3_result_error(context, "kabar_rank: out of memory", -1)
            return
        }
    }
    var instances: Int32 = 0
    guard calls.xInstCount(fts, &instances) == SQLITE_OK else {
        sqlite3_result_error(context, "kabar_rank: no phrase positions", -1)
        return
    }
    var frequency = [Double](repeating: 0, count: weights.phrases.count)
    for instance in 0..<instances {
        var phrase: Int32 = 0
        var column: Int32 = 0
        var offset: Int32 = 0
        guard calls.xInst(fts, instance, &phrase, &column, &offset) == SQLITE_OK else { continue }
        let p = Int(phrase)
        let c = Int(column)
        guard p < frequency.count else { continue }
        frequency[p] += c < weights.columns.count ? weights.columns[c] : 1
    }
    var size: Int32 = 0
    _ = calls.xColumnSize(fts, -1, &size)
    let k1 = RankFunction.k1
    let lengthFactor = 1 - RankFunction.b + RankFunction.b * Double(size) / weights.averageSize
    var score = 0.0
    for (p, f) in frequency.enumerated() where f > 0 {
        score += weights.phrases[p] * (f * (k1 + 1)) / (f + k1 * lengthFactor)
    }
    sqlite3_result_double(context, -score)
}

private func releaseWeights(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<RankFunction.Weights>.fromOpaque(pointer).release()
}
