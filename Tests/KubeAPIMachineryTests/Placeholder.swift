import XCTest

final class KubeAPIMachineryTestsPlaceholder: XCTestCase {}
