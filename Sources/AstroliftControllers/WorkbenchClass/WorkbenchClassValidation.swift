import AstroliftAPI
import KubeCore

/// Checks of a WorkbenchClass beyond what its CRD schema enforces at admission (the
/// schema runs in the API server; these also catch objects written before a rule
/// existed, and cross-profile rules the schema cannot state).
public enum WorkbenchClassValidation {
    /// Every problem, each naming its field; empty when the class is valid.
    public static func problems(_ spec: WorkbenchClassSpec) -> [String] {
        var problems: [String] = []
        if !(spec.allowUnpinnedImage ?? false), !isDigestPinned(spec.image) {
            problems.append(
                "spec.image: \"\(spec.image)\" is not pinned by digest (…@sha256:<64 hex>); pin it, or set allowUnpinnedImage: true for development"
            )
        }
        if spec.profiles.isEmpty {
            problems.append("spec.profiles: at least one profile is required")
        }
        var names = Set<String>()
        for (i, profile) in spec.profiles.enumerated() {
            if !names.insert(profile.name).inserted {
                problems.append("spec.profiles[\(i)].name: profile \"\(profile.name)\" is listed twice")
            }
            let requests = profile.resources?.requests ?? [:]
            let limits = profile.resources?.limits ?? [:]
            for (resource, limit) in limits.sorted(by: { $0.key < $1.key }) {
                if let request = requests[resource], request > limit {
                    problems.append(
                        "spec.profiles[\(i)].resources: the \(resource) request \(request) is above its limit \(limit)")
                }
            }
        }
        if let wanted = spec.defaultProfile, !names.contains(wanted) {
            problems.append(
                "spec.defaultProfile: no profile is named \"\(wanted)\" (profiles: \(spec.profiles.map(\.name).joined(separator: ", ")))"
            )
        }
        if spec.defaultProfile == nil, spec.profiles.count > 1 {
            problems.append("spec.defaultProfile: required when there is more than one profile")
        }
        return problems
    }

    /// Whether an image reference ends in `@sha256:` and 64 lower-case hex digits.
    public static func isDigestPinned(_ image: String) -> Bool {
        // The image ends in `@sha256:` and 64 lowercase hex digits (checked on bytes: this
        // runs for every workbench on every reconcile).
        let bytes = Array(image.utf8)
        let marker = Array("@sha256:".utf8)
        guard bytes.count >= marker.count + 64,
            bytes[(bytes.count - 64 - marker.count)..<(bytes.count - 64)].elementsEqual(marker)
        else { return false }
        return bytes.suffix(64).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
