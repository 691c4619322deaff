import XCTest

@testable import KubeAPIMachinery

final class ProtobufWireReaderTests: XCTestCase {
    func testPlaceholder() {}
}
