import Foundation
import Library
import Testing

/// The benchmark's memory figures: the peak resident size, and starting it again so that a
/// figure covers one step alone.
@Suite("Resident memory")
struct ResidentMemoryTests {
    @Test("the peak covers a large block held for a moment, and starts again from the size now after it is let go")
    func peakStartsAgain() throws {
        let before = try #require(ResidentMemory.peakKilobytes())
        // 256 MB written, so that its pages are resident, then freed (a block this large goes back
        // to the system at once). Other tests run beside this one and change the process's size
        // meanwhile, by far less than the 64 MB the checks leave them.
        let megabytes = 256
        let slack = 64 * 1024
        do {
            let block = UnsafeMutableRawBufferPointer.allocate(byteCount: megabytes << 20, alignment: 4096)
            defer { block.deallocate() }
            for offset in stride(from: 0, to: block.count, by: 4096) { block[offset] = 1 }
            let holding = try #require(ResidentMemory.currentKilobytes())
            #expect(try #require(ResidentMemory.peakKilobytes()) >= holding)
        }
        let peak = try #require(ResidentMemory.peakKilobytes())
        #expect(peak >= before)
        let now = try #require(ResidentMemory.currentKilobytes())
        #expect(peak - now >= megabytes * 1024 - slack, "the block was let go")
        #expect(ResidentMemory.resetPeak())
        let restarted = try #require(ResidentMemory.peakKilobytes())
        #expect(restarted < peak - (megabytes * 1024 - slack))
        #expect(restarted >= now - slack)
    }
}
