import XCTest

final class KubeControlPlaneTestsPlaceholder: XCTestCase {}
