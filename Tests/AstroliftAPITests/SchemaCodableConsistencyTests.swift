import AstroliftAPI
import KubeCore
import XCTest

/// The schema each type declares and its Codable shape cannot drift apart:
///
/// 1. the fullest object the schema allows conforms to the schema (so the examples,
///    patterns and bounds agree with each other);
/// 2. it decodes into the Swift type and encodes back to the same JSON, so every
///    declared property is a Codable property of the same shape;
/// 3. after decoding, no optional stored property is nil, so every Codable property
///    is declared in the schema.
final class SchemaCodableConsistencyTests: XCTestCase {
    func testEveryKindRoundTripsTheFullestObjectItsSchemaAllows() throws {
        for kind in AstroliftGroup.kinds {
            try checkRoundTrip(kind)
        }
    }

    private func checkRoundTrip<K: AstroliftResource>(_ kind: K.Type) throws {
        let name = K.resource.kind
        let example = SchemaExample.build(K.schema)
        XCTAssertEqual(SchemaValidator.validate(example, K.schema), [], "\(name): the schema's own example")

        let decoded: K
        do {
            decoded = try example.decode(as: K.self)
        } catch {
            return XCTFail("\(name): the fullest object the schema allows does not decode: \(error)")
        }
        let reencoded = try JSONValue(encoding: decoded)
        XCTAssertEqual(
            jsonDifferences(example, reencoded), [],
            "\(name): properties the schema declares that the type drops or reshapes")
        XCTAssertEqual(
            NilFinder.nils(in: decoded, skipping: [".metadata"]), [],
            "\(name): Swift properties the schema does not declare")
    }

    func testEncodedSamplesOnlyUseDeclaredProperties() throws {
        for (kind, object) in try FullSamples.all() {
            XCTAssertEqual(SchemaValidator.validate(object.json, object.schema), [], kind)
            XCTAssertEqual(NilFinder.nils(in: object.value, skipping: [".metadata", ".status"]), [], kind)
        }
    }

    func testTheValidatorRejectsWhatTheAPIServerWould() throws {
        let schema = Workbench.schema
        var good = try JSONValue(encoding: FullSamples.workbench())
        XCTAssertEqual(SchemaValidator.validate(good, schema), [])

        var unknown = good
        unknown[path: ["spec", "ownr"]] = "x"
        XCTAssertEqual(SchemaValidator.validate(unknown, schema), [".spec.ownr: unknown field"])

        var missing = good
        missing[path: ["spec", "owner"]] = nil
        XCTAssertEqual(SchemaValidator.validate(missing, schema), [".spec.owner: required"])

        var badDuration = good
        badDuration[path: ["spec", "idleTimeout"]] = "90 minutes"
        XCTAssertEqual(SchemaValidator.validate(badDuration, schema).count, 1)

        var badEnum = good
        badEnum[path: ["status", "phase"]] = "Sleeping"
        XCTAssertEqual(SchemaValidator.validate(badEnum, schema).count, 1)

        good[path: ["spec", "home", "size"]] = 10
        XCTAssertEqual(SchemaValidator.validate(good, schema), [], "a quantity may be an integer")
    }

    func testDurationPatternAgreesWithKubeDuration() throws {
        let pattern = try XCTUnwrap(Schema.duration.pattern)
        for good in ["0", "0s", "1h30m", "1h30m0s", "90s", "1.5h", "500ms", "10us", "2h0m0.5s"] {
            XCTAssertTrue(SchemaValidator.matches(good, pattern), good)
            XCTAssertNotNil(KubeDuration(good), good)
        }
        for bad in ["", "1", "1d", "-5m", "5 m", "h", "1h 30m", "P1D"] {
            XCTAssertFalse(SchemaValidator.matches(bad, pattern), bad)
        }
    }

    func testQuantityPatternAgreesWithQuantity() throws {
        let pattern = try XCTUnwrap(Schema.quantity.pattern)
        for good in ["1", "500m", "2Gi", "1.5", "10G", "1e3", "0.5Ti"] {
            XCTAssertTrue(SchemaValidator.matches(good, pattern), good)
            XCTAssertNotNil(Quantity(good), good)
        }
        for bad in ["", "1 Gi", "Gi", "2GB", "1.2.3"] {
            XCTAssertFalse(SchemaValidator.matches(bad, pattern), bad)
        }
    }

    func testImagePatternAcceptsCommonReferences() throws {
        let pattern = try XCTUnwrap(Schema.imageReference.pattern)
        let digest = "@sha256:" + String(repeating: "a1", count: 32)
        for good in [
            "busybox", "quay.io/jupyter/minimal-notebook" + digest, "ghcr.io/acme/astrolift:0.1.0",
            "localhost:5000/team/image:tag" + digest, "registry.example.com/a/b/c" + digest,
        ] {
            XCTAssertTrue(SchemaValidator.matches(good, pattern), good)
        }
        for bad in ["", "Image:UPPER", "a b", "repo@sha256:short", "repo:tag with space"] {
            XCTAssertFalse(SchemaValidator.matches(bad, pattern), bad)
        }
    }
}
