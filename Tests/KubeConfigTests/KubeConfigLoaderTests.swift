import Foundation
import XCTest

@testable import KubeConfig

final class KubeConfigLoaderTests: XCTestCase {
    // MARK: - Loading rules and merging

    func testKubeconfigListMergesFirstDefinitionWinsAndSkipsMissingFiles() async throws {
        let dir = try TempDir()
        let first = try dir.write(
            "a/config",
            """
            clusters:
            - name: shared
              cluster: {server: "https://first.example"}
            users:
            - name: shared-user
              user: {token: first-token}
            contexts:
            - name: a-ctx
              context: {cluster: shared, user: shared-user, namespace: team-a}
            current-context: ""
            """)
        let second = try dir.write(
            "b/config",
            """
            clusters:
            - name: shared
              cluster: {server: "https://second.example"}
            - name: only-second
              cluster: {server: "https://only-second.example"}
            users:
            - name: shared-user
              user: {token: second-token}
            contexts:
            - name: a-ctx
              context: {cluster: only-second, user: shared-user}
            - name: b-ctx
              context: {cluster: shared, user: shared-user}
            current-context: b-ctx
            """)
        let env = ["KUBECONFIG": "\(first)::\(dir.file("missing"))::\(second):\(first)", "HOME": dir.path]

        let merged = try KubeConfigLoader.loadMerged(environment: env)
        XCTAssertEqual(merged.files, [first, second])
        // The first file's current-context is empty, so the second one's counts.
        XCTAssertEqual(merged.currentContext, "b-ctx")
        XCTAssertEqual(merged.clusters["shared"]?.value.server, "https://first.example")
        XCTAssertEqual(merged.clusters["shared"]?.file, first)
        XCTAssertEqual(merged.clusters["only-second"]?.file, second)
        XCTAssertEqual(merged.contexts["a-ctx"]?.value.cluster, "shared")
        XCTAssertEqual(merged.contextNames, ["a-ctx", "b-ctx"])

        let connection = try KubeConfigLoader.load(environment: env)
        XCTAssertEqual(connection.contextName, "b-ctx")
        XCTAssertEqual(connection.server.absoluteString, "https://first.example")
        XCTAssertEqual(connection.origin, "kubeconfig \(second) (context \"b-ctx\")")
        let token = try await connection.credentials?.token()
        XCTAssertEqual(token, "first-token")
    }

    func testFirstNonEmptyCurrentContextWins() throws {
        let dir = try TempDir()
        let a = try dir.write("a", Fixtures.kubeconfig(context: "a", currentContext: "a"))
        let b = try dir.write("b", Fixtures.kubeconfig(context: "b", currentContext: "b"))
        let merged = try KubeConfigLoader.loadMerged(environment: ["KUBECONFIG": "\(a):\(b)"])
        XCTAssertEqual(merged.currentContext, "a")
        let summaries = merged.contextSummaries
        XCTAssertEqual(summaries.map(\.name), ["a", "b"])
        XCTAssertEqual(summaries.map(\.isCurrent), [true, false])
        XCTAssertEqual(summaries.first?.cluster, "dev-cluster")
    }

    func testExplicitPathWinsOverKubeconfigAndHome() throws {
        let dir = try TempDir()
        let fromEnv = try dir.write("env", Fixtures.kubeconfig(server: "https://env.example", currentContext: "dev"))
        try dir.write(".kube/config", Fixtures.kubeconfig(server: "https://home.example", currentContext: "dev"))
        let explicit = try dir.write(
            "explicit", Fixtures.kubeconfig(server: "https://explicit.example", currentContext: "dev"))
        let env = ["KUBECONFIG": fromEnv, "HOME": dir.path]

        let connection = try KubeConfigLoader.load(kubeconfigPath: explicit, environment: env)
        XCTAssertEqual(connection.server.host, "explicit.example")
        XCTAssertEqual(try KubeConfigLoader.load(environment: env).server.host, "env.example")
        XCTAssertEqual(try KubeConfigLoader.load(environment: ["HOME": dir.path]).server.host, "home.example")
    }

    func testMissingExplicitPathIsAnError() throws {
        let dir = try TempDir()
        let path = dir.file("nope/config")
        let error = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: path, environment: [:]) }
        XCTAssertEqual(error, .explicitFileMissing(path: path))
        XCTAssertTrue(error?.description.contains(path) == true)
        XCTAssertTrue(error?.description.contains("--kubeconfig") == true)
    }

    func testNoKubeconfigAnywhere() throws {
        let dir = try TempDir()
        let error = expectKubeConfigError { try KubeConfigLoader.load(environment: ["HOME": dir.path]) }
        XCTAssertEqual(error, .noKubeconfig(searched: [dir.file(".kube/config")]))
        XCTAssertTrue(error?.description.contains("KUBECONFIG") == true)
    }

    // MARK: - Contexts and namespaces

    func testContextOverrideAndUnknownContext() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            clusters:
            - {name: c1, cluster: {server: "https://one.example"}}
            - {name: c2, cluster: {server: "https://two.example"}}
            users:
            - {name: u, user: {token: t}}
            contexts:
            - {name: one, context: {cluster: c1, user: u}}
            - {name: two, context: {cluster: c2, user: u, namespace: ns-two}}
            current-context: one
            """)
        let env = ["KUBECONFIG": path]
        XCTAssertEqual(try KubeConfigLoader.load(environment: env).server.host, "one.example")
        let two = try KubeConfigLoader.load(context: "two", environment: env)
        XCTAssertEqual(two.server.host, "two.example")
        XCTAssertEqual(two.contextName, "two")
        XCTAssertEqual(two.namespace, "ns-two")

        let error = expectKubeConfigError { try KubeConfigLoader.load(context: "three", environment: env) }
        XCTAssertEqual(error, .unknownContext(name: "three", files: [path], known: ["one", "two"]))
        XCTAssertEqual(
            error?.description,
            "context \"three\" is not defined in kubeconfig \(path): use one of the known contexts: one, two")
    }

    func testNoCurrentContextListsKnownContexts() throws {
        let dir = try TempDir()
        let path = try dir.write("config", Fixtures.kubeconfig(context: "only"))
        let error = expectKubeConfigError { try KubeConfigLoader.load(environment: ["KUBECONFIG": path]) }
        XCTAssertEqual(error, .noCurrentContext(files: [path], known: ["only"]))
        XCTAssertTrue(error?.description.contains("--context") == true)
        XCTAssertTrue(error?.description.contains("only") == true)
    }

    func testNamespaceDefaulting() throws {
        let dir = try TempDir()
        let withNS = try dir.write("ns", Fixtures.kubeconfig(namespace: "team", currentContext: "dev"))
        let withoutNS = try dir.write("plain", Fixtures.kubeconfig(currentContext: "dev"))
        XCTAssertEqual(try KubeConfigLoader.load(kubeconfigPath: withNS, environment: [:]).namespace, "team")
        XCTAssertEqual(
            try KubeConfigLoader.load(kubeconfigPath: withNS, namespace: "override", environment: [:]).namespace,
            "override")
        XCTAssertEqual(try KubeConfigLoader.load(kubeconfigPath: withoutNS, environment: [:]).namespace, "default")
        XCTAssertEqual(
            try KubeConfigLoader.load(kubeconfigPath: withoutNS, namespace: "", environment: [:]).namespace, "default")
    }

    func testContextReferencingMissingClusterOrUser() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            clusters:
            - {name: c, cluster: {server: "https://c.example"}}
            users:
            - {name: u, user: {token: t}}
            contexts:
            - {name: no-cluster, context: {cluster: ghost, user: u}}
            - {name: no-user, context: {cluster: c, user: phantom}}
            - {name: anonymous, context: {cluster: c}}
            - {name: clusterless, context: {user: u}}
            """)
        let env = ["KUBECONFIG": path]
        let noCluster = expectKubeConfigError { try KubeConfigLoader.load(context: "no-cluster", environment: env) }
        XCTAssertEqual(noCluster, .clusterNotFound(cluster: "ghost", context: "no-cluster", file: path))
        XCTAssertTrue(noCluster?.description.contains("\"ghost\"") == true)
        let noUser = expectKubeConfigError { try KubeConfigLoader.load(context: "no-user", environment: env) }
        XCTAssertEqual(noUser, .userNotFound(user: "phantom", context: "no-user", file: path))
        let clusterless = expectKubeConfigError { try KubeConfigLoader.load(context: "clusterless", environment: env) }
        XCTAssertEqual(clusterless, .contextWithoutCluster(context: "clusterless", file: path))
        // A context without a user connects anonymously, as kubectl does.
        let anonymous = try KubeConfigLoader.load(context: "anonymous", environment: env)
        XCTAssertNil(anonymous.credentials)
    }

    // MARK: - Cluster fields

    func testServerValidationAndDefaultScheme() throws {
        let dir = try TempDir()
        func server(_ value: String, ca: Bool = false) throws -> URL {
            var yaml = Fixtures.kubeconfig(server: "\"\(value)\"", currentContext: "dev")
            if ca {
                yaml = yaml.replacingOccurrences(
                    of: "    server:",
                    with: "    certificate-authority-data: \(Fixtures.base64(Fixtures.caPEM))\n    server:")
            }
            let path = try dir.write("config-\(UUID().uuidString)", yaml)
            return try KubeConfigLoader.load(kubeconfigPath: path, environment: [:]).server
        }
        XCTAssertEqual(try server("https://api.example:6443/prefix/").absoluteString, "https://api.example:6443/prefix")
        XCTAssertEqual(try server("10.0.0.1:6443", ca: true).absoluteString, "https://10.0.0.1:6443")
        XCTAssertEqual(try server("10.0.0.1:8080").absoluteString, "http://10.0.0.1:8080")

        let path = try dir.write(
            "bad", Fixtures.kubeconfig(server: "\"ftp://user:hunter2@files.example\"", currentContext: "dev"))
        let error = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: path, environment: [:]) }
        XCTAssertEqual(
            error, .invalidServerURL(cluster: "dev-cluster", file: path, server: "ftp://REDACTED@files.example"))
        XCTAssertFalse(error?.description.contains("hunter2") ?? true)

        let empty = try dir.write("empty", Fixtures.kubeconfig(server: "\"\"", currentContext: "dev"))
        let missing = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: empty, environment: [:]) }
        XCTAssertEqual(missing, .missingServer(cluster: "dev-cluster", file: empty))
    }

    func testInsecureAndTLSServerName() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            clusters:
            - name: c
              cluster:
                server: https://10.1.2.3:6443
                insecure-skip-tls-verify: true
                tls-server-name: api.internal
                proxy-url: http://proxy.example:3128
            users:
            - {name: u, user: {token: t}}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            current-context: x
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: path, environment: [:])
        XCTAssertTrue(connection.insecureSkipTLSVerify)
        XCTAssertEqual(connection.tlsServerName, "api.internal")
        XCTAssertNil(connection.certificateAuthorityPEM)

        let both = try dir.write(
            "both",
            try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "    tls-server-name:",
                with: "    certificate-authority-data: \(Fixtures.base64(Fixtures.caPEM))\n    tls-server-name:"))
        let error = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: both, environment: [:]) }
        XCTAssertEqual(
            error,
            .conflictingFields(
                first: "insecure-skip-tls-verify", second: "certificate-authority-data", owner: "cluster \"c\"",
                file: both))
    }

    // MARK: - Certificates, keys and tokens

    func testBase64DataFields() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            clusters:
            - name: c
              cluster:
                server: https://c.example
                certificate-authority-data: \(Fixtures.base64(Fixtures.caPEM))
            users:
            - name: u
              user:
                client-certificate-data: \(Fixtures.base64(Fixtures.certPEM))
                client-key-data: \(Fixtures.base64(Fixtures.keyPEM))
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            current-context: x
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: path, environment: [:])
        XCTAssertEqual(connection.certificateAuthorityPEM, Array(Fixtures.caPEM.utf8))
        XCTAssertEqual(connection.clientCertificatePEM, Array(Fixtures.certPEM.utf8))
        XCTAssertEqual(connection.clientKeyPEM, Array(Fixtures.keyPEM.utf8))
        XCTAssertNil(connection.credentials)
        XCTAssertEqual(connection.server.scheme, "https")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let badBase64 = try dir.write(
            "bad64", text.replacingOccurrences(of: Fixtures.base64(Fixtures.keyPEM), with: "not*base64!"))
        let error = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: badBase64, environment: [:]) }
        XCTAssertEqual(error, .invalidBase64(field: "client-key-data", owner: "user \"u\"", file: badBase64))
        XCTAssertTrue(error?.description.contains("client-key-data") == true)
        XCTAssertFalse(error?.description.contains("not*base64") ?? true)

        let notPEM = try dir.write(
            "notpem",
            text.replacingOccurrences(of: Fixtures.base64(Fixtures.caPEM), with: Fixtures.base64("hello, DER?")))
        let pemError = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: notPEM, environment: [:]) }
        XCTAssertEqual(pemError, .notPEM(field: "certificate-authority-data", owner: "cluster \"c\"", file: notPEM))
        XCTAssertTrue(pemError?.description.contains("-----BEGIN") == true)
    }

    func testRelativePathsResolveAgainstTheDefiningFile() throws {
        let dir = try TempDir()
        try dir.write("conf/certs/ca.crt", Fixtures.caPEM)
        try dir.write("pki/client.crt", Fixtures.certPEM)
        try dir.write("pki/client.key", Fixtures.keyPEM)
        try dir.write("conf/token", "  file-token\n")
        let path = try dir.write(
            "conf/config",
            """
            clusters:
            - name: c
              cluster: {server: "https://c.example", certificate-authority: certs/ca.crt}
            users:
            - name: u
              user:
                client-certificate: ../pki/client.crt
                client-key: ./../pki/client.key
                tokenFile: token
                exec: {command: ./bin/plugin, apiVersion: client.authentication.k8s.io/v1}
            - name: path-plugin
              user:
                exec: {command: my-plugin, apiVersion: client.authentication.k8s.io/v1}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            current-context: x
            """)
        let merged = try KubeConfigLoader.loadMerged(environment: ["KUBECONFIG": path])
        XCTAssertEqual(merged.clusters["c"]?.value.certificateAuthority, dir.file("conf/certs/ca.crt"))
        XCTAssertEqual(merged.users["u"]?.value.clientCertificate, dir.file("pki/client.crt"))
        XCTAssertEqual(merged.users["u"]?.value.clientKey, dir.file("pki/client.key"))
        XCTAssertEqual(merged.users["u"]?.value.tokenFile, dir.file("conf/token"))
        XCTAssertEqual(merged.users["u"]?.value.exec?.command, dir.file("conf/bin/plugin"))
        XCTAssertEqual(merged.users["path-plugin"]?.value.exec?.command, "my-plugin")

        let connection = try KubeConfigLoader.connection(from: merged, environment: [:])
        XCTAssertEqual(connection.certificateAuthorityPEM, Array(Fixtures.caPEM.utf8))
        XCTAssertEqual(connection.clientCertificatePEM, Array(Fixtures.certPEM.utf8))
        XCTAssertEqual(connection.clientKeyPEM, Array(Fixtures.keyPEM.utf8))
        // tokenFile takes precedence over exec.
        let provider = try XCTUnwrap(connection.credentials as? FileTokenProvider)
        XCTAssertEqual(provider.path, dir.file("conf/token"))
    }

    func testMissingReferencedFilesNameFieldAndPath() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            clusters:
            - {name: c, cluster: {server: "https://c.example", certificate-authority: ca.crt}}
            users:
            - {name: u, user: {token: t}}
            - {name: certs, user: {client-certificate: nope.crt, client-key-data: \(Fixtures.base64(Fixtures.keyPEM))}}
            - {name: tf, user: {tokenFile: nope-token}}
            contexts:
            - {name: x, context: {cluster: c, user: u}}
            """)
        let error = expectKubeConfigError {
            try KubeConfigLoader.load(kubeconfigPath: path, context: "x", environment: [:])
        }
        XCTAssertEqual(
            error,
            .referencedFileMissing(
                field: "certificate-authority", path: dir.file("ca.crt"), owner: "cluster \"c\"", file: path))
        XCTAssertTrue(error?.description.contains("certificate-authority of cluster \"c\"") == true)
        XCTAssertTrue(error?.description.contains(dir.file("ca.crt")) == true)

        try dir.write("ca.crt", Fixtures.caPEM)
        let merged = try KubeConfigLoader.loadMerged(kubeconfigPath: path, environment: [:])
        var edited = merged
        edited.contexts["x"]?.value.user = "certs"
        let certError = expectKubeConfigError {
            try KubeConfigLoader.connection(from: edited, context: "x", environment: [:])
        }
        XCTAssertEqual(
            certError,
            .referencedFileMissing(
                field: "client-certificate", path: dir.file("nope.crt"), owner: "user \"certs\"", file: path))
        edited.contexts["x"]?.value.user = "tf"
        let tokenError = expectKubeConfigError {
            try KubeConfigLoader.connection(from: edited, context: "x", environment: [:])
        }
        XCTAssertEqual(
            tokenError,
            .referencedFileMissing(field: "tokenFile", path: dir.file("nope-token"), owner: "user \"tf\"", file: path))
    }

    func testCertificateAndKeyMustComeTogether() throws {
        let dir = try TempDir()
        func load(_ user: String) throws -> ClusterConnection {
            let path = try dir.write(
                "config-\(UUID().uuidString)",
                """
                clusters: [{name: c, cluster: {server: "https://c.example"}}]
                users: [{name: u, user: \(user)}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """)
            return try KubeConfigLoader.load(kubeconfigPath: path, environment: [:])
        }
        let cert = Fixtures.base64(Fixtures.certPEM)
        let key = Fixtures.base64(Fixtures.keyPEM)
        guard
            case .certificateWithoutKey(user: "u", _)? = expectKubeConfigError({
                try load("{client-certificate-data: \(cert)}")
            })
        else { return XCTFail("expected certificateWithoutKey") }
        guard
            case .keyWithoutCertificate(user: "u", _)? = expectKubeConfigError({ try load("{client-key-data: \(key)}") }
            )
        else { return XCTFail("expected keyWithoutCertificate") }
        let conflict = expectKubeConfigError {
            try load("{client-certificate-data: \(cert), client-certificate: /c.crt, client-key-data: \(key)}")
        }
        guard case .conflictingFields(first: "client-certificate", second: "client-certificate-data", _, _)? = conflict
        else { return XCTFail("expected conflictingFields, got \(String(describing: conflict))") }
        let keyError = expectKubeConfigError {
            try load("{client-certificate-data: \(cert), client-key-data: \(Fixtures.base64("secret-key-material"))}")
        }
        guard case .notPEM(field: "client-key-data", _, _)? = keyError else { return XCTFail("expected notPEM") }
        XCTAssertFalse(keyError?.description.contains("secret-key-material") ?? true)
    }

    func testTokenKinds() async throws {
        let dir = try TempDir()
        let tokenPath = try dir.write("tok", "from-file\n")
        let path = try dir.write(
            "config",
            """
            clusters: [{name: c, cluster: {server: "https://c.example"}}]
            users:
            - {name: static, user: {token: static-token}}
            - {name: file, user: {tokenFile: \(tokenPath), token: ignored-while-file-readable}}
            - {name: fallback, user: {tokenFile: \(dir.file("gone")), token: fallback-token}}
            - {name: basic, user: {username: admin, password: hunter2}}
            - {name: gcp, user: {auth-provider: {name: gcp, config: {access-token: abc}}}}
            contexts:
            - {name: static, context: {cluster: c, user: static}}
            - {name: file, context: {cluster: c, user: file}}
            - {name: fallback, context: {cluster: c, user: fallback}}
            - {name: basic, context: {cluster: c, user: basic}}
            - {name: gcp, context: {cluster: c, user: gcp}}
            """)
        func token(_ context: String) async throws -> String? {
            try await KubeConfigLoader.load(kubeconfigPath: path, context: context, environment: [:])
                .credentials?.token()
        }
        let staticToken = try await token("static")
        XCTAssertEqual(staticToken, "static-token")
        let fileToken = try await token("file")
        XCTAssertEqual(fileToken, "from-file")
        let fallbackToken = try await token("fallback")
        XCTAssertEqual(fallbackToken, "fallback-token")
        // Basic auth is read without error and not used.
        XCTAssertNil(try KubeConfigLoader.load(kubeconfigPath: path, context: "basic", environment: [:]).credentials)
        let gcp = expectKubeConfigError {
            try KubeConfigLoader.load(kubeconfigPath: path, context: "gcp", environment: [:])
        }
        XCTAssertEqual(gcp, .unsupportedAuthProvider(name: "gcp", user: "gcp", file: path))
        XCTAssertFalse(gcp?.description.contains("abc") ?? true)
    }

    // MARK: - Parsing

    func testToleratesEveryKubectlFieldAndJSON() throws {
        let dir = try TempDir()
        let yaml = try dir.write(
            "config",
            """
            apiVersion: v1
            kind: Config
            preferences: {colors: true}
            extensions:
            - name: something
              extension: {anything: [1, 2]}
            clusters:
            - name: c
              cluster:
                server: https://c.example
                proxy-url: socks5://localhost:1080
                disable-compression: true
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: api}
            users:
            - name: u
              user:
                as: someone
                as-groups: [a]
                username: admin
                password: secret
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token]
                  env: [{name: AWS_PROFILE, value: dev}]
                  installHint: install the aws cli
                  provideClusterInfo: true
                  interactiveMode: Never
            contexts:
            - name: x
              context: {cluster: c, user: u, namespace: ns, extensions: []}
            current-context: x
            """)
        let connection = try KubeConfigLoader.load(kubeconfigPath: yaml, environment: [:])
        let exec = try XCTUnwrap(connection.credentials as? ExecCredentialProvider)
        XCTAssertEqual(exec.plugin.command, "aws")
        XCTAssertEqual(exec.plugin.arguments, ["eks", "get-token"])
        XCTAssertEqual(exec.plugin.apiVersion, ExecPlugin.v1beta1)
        XCTAssertEqual(exec.plugin.cluster?.config, ["audience": "api"])
        XCTAssertEqual(connection.namespace, "ns")

        let json = try dir.write(
            "config.json",
            """
            {
            \t"kind": "Config",
            \t"clusters": [{"name": "c", "cluster": {"server": "https://json.example", "insecure-skip-tls-verify": true}}],
            \t"users": null,
            \t"contexts": [{"name": "j", "context": {"cluster": "c"}}],
            \t"current-context": "j"
            }
            """)
        let fromJSON = try KubeConfigLoader.load(kubeconfigPath: json, environment: [:])
        XCTAssertEqual(fromJSON.server.host, "json.example")
        XCTAssertTrue(fromJSON.insecureSkipTLSVerify)

        let empty = try dir.write("empty", "\n")
        XCTAssertTrue(try KubeConfigLoader.loadMerged(kubeconfigPath: empty, environment: [:]).isEmpty)
    }

    func testMalformedYAMLNamesTheFileButNotItsContent() throws {
        let dir = try TempDir()
        let path = try dir.write(
            "config",
            """
            users:
            - name: u
              user:
                token: s3cr3t-t0ken: oops
            """)
        let error = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: path, environment: [:]) }
        guard case .malformedFile(path: path, let reason)? = error else {
            return XCTFail("expected malformedFile, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("line 4"), reason)
        XCTAssertFalse(error?.description.contains("s3cr3t") ?? true)
        XCTAssertFalse(error?.description.contains("\n") ?? true)

        let wrongType = try dir.write("typed", "clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: [x]\n")
        let typeError = expectKubeConfigError { try KubeConfigLoader.load(kubeconfigPath: wrongType, environment: [:]) }
        XCTAssertEqual(
            typeError,
            .malformedFile(
                path: wrongType,
                reason: "clusters[0].cluster.insecure-skip-tls-verify has the wrong type (expected a single value)"))
    }

    // MARK: - resolve()

    func testResolvePrefersKubeconfigThenInCluster() throws {
        let dir = try TempDir()
        let sa = try TempDir()
        try sa.write("token", "pod-token")
        try sa.write("ca.crt", Fixtures.caPEM)
        try sa.write("namespace", "pod-ns\n")
        var env = ["HOME": dir.path, "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

        let inCluster = try KubeConfigLoader.resolve(environment: env, serviceAccountDirectory: sa.path)
        XCTAssertEqual(inCluster.origin, "in-cluster")
        XCTAssertEqual(inCluster.server.absoluteString, "https://10.96.0.1:443")
        XCTAssertEqual(inCluster.namespace, "pod-ns")

        try dir.write(".kube/config", Fixtures.kubeconfig(server: "https://home.example", currentContext: "dev"))
        XCTAssertEqual(
            try KubeConfigLoader.resolve(environment: env, serviceAccountDirectory: sa.path).server.host,
            "home.example")

        env["KUBERNETES_SERVICE_HOST"] = nil
        try FileManager.default.removeItem(atPath: dir.file(".kube/config"))
        let error = expectKubeConfigError {
            try KubeConfigLoader.resolve(environment: env, serviceAccountDirectory: sa.path)
        }
        XCTAssertEqual(error, .noKubeconfig(searched: [dir.file(".kube/config")]))

        let explicitMissing = expectKubeConfigError {
            try KubeConfigLoader.resolve(kubeconfigPath: dir.file("x"), environment: env)
        }
        XCTAssertEqual(explicitMissing, .explicitFileMissing(path: dir.file("x")))
    }
}
