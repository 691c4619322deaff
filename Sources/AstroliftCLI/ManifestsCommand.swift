import ArgumentParser
import AstroliftAPI
import Foundation
import KubeCore

/// `astrolift manifests`: the manifests generated from Astrolift's types.
struct ManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Print or write the manifests generated from Astrolift's API types.",
        subcommands: [CRDs.self, RBAC.self, Generate.self]
    )

    /// `astrolift manifests crds`.
    struct CRDs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crds",
            abstract: "Print the CustomResourceDefinitions of Astrolift's kinds as multi-document YAML.",
            discussion: """
                With --output-dir, writes one file per CRD (astrolift.dev_<plural>.yaml) into the directory \
                instead, creating it if needed. Apply them with `kubectl apply -f DIR` (server-side apply \
                works too: `kubectl apply --server-side -f DIR`).
                """
        )

        @Option(name: .long, help: "Write one file per CRD into this directory instead of printing them.")
        var outputDir: String?

        func run() throws {
            guard let outputDir else {
                Terminal.write(try CRDGenerator.yamlStream())
                return
            }
            do {
                try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("cannot create \(outputDir): \(error.localizedDescription)")
            }
            for crd in CRDGenerator.all() {
                let path = (outputDir as NSString).appendingPathComponent(CRDGenerator.fileName(for: crd))
                try write(try CRDGenerator.yaml(crd), to: path)
            }
        }
    }

    /// `astrolift manifests rbac`.
    struct RBAC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rbac",
            abstract: "Print the controller's ClusterRole and leader-election Role: exactly the permissions it uses."
        )

        func run() throws {
            Terminal.write(try ControllerRBAC.clusterRoleYAML())
            Terminal.out("---")
            Terminal.write(try ControllerRBAC.leaderElectionRoleYAML())
        }
    }

    /// `astrolift manifests generate`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Rewrite every generated file of a checkout (what hack/generate.sh runs).",
            discussion: """
                Writes the CRDs into manifests/crds/ and charts/astrolift/crds/ (removing stale files there) \
                and the controller's ClusterRole and leader-election Role into manifests/rbac/ and the chart.
                """
        )

        @Option(name: .long, help: "The root of the Astrolift checkout.")
        var root: String = "."

        func run() throws {
            let files = try GeneratedFiles.all()
            let fm = FileManager.default
            for directory in GeneratedFiles.crdDirectories {
                let path = (root as NSString).appendingPathComponent(directory)
                let keep = Set(files.map(\.path).filter { $0.hasPrefix(directory + "/") })
                for name in (try? fm.contentsOfDirectory(atPath: path)) ?? []
                where name.hasSuffix(".yaml") && !keep.contains("\(directory)/\(name)") {
                    try fm.removeItem(atPath: (path as NSString).appendingPathComponent(name))
                    Terminal.out("removed \(directory)/\(name)")
                }
            }
            for file in files {
                let path = (root as NSString).appendingPathComponent(file.path)
                let existing = try? String(contentsOfFile: path, encoding: .utf8)
                if existing == file.contents { continue }
                try fm.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try write(file.contents, to: path)
                Terminal.out("wrote \(file.path)")
            }
        }
    }
}

private func write(_ text: String, to path: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw ValidationError("cannot write \(path): \(error.localizedDescription)")
    }
}
