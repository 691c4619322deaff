import Foundation

/// A static token file, as kube-apiserver's `--token-auth-file` reads it: CSV records
/// `token,user,uid[,"group1,group2"]`, one per line.
///
/// Parsing follows the real server: at least three columns; the optional fourth is a
/// comma-separated group list (quote it, since it contains commas); records with an
/// empty token are skipped with a warning; a repeated token keeps its last record, also
/// with a warning. Two additions for hand-edited files: blank lines and lines starting
/// with `#` are ignored, and empty group names are dropped.
public struct StaticTokenFile: Sendable, Hashable {
    /// One record of the file.
    public struct Entry: Sendable, Hashable {
        /// The bearer token.
        public var token: String
        /// The identity, without `system:authenticated` (added when the token is used).
        public var user: AuthenticatedUser
        /// The 1-based line the record starts on (0 for entries built in code).
        public var line: Int

        public init(token: String, user: AuthenticatedUser, line: Int = 0) {
            self.token = token
            self.user = user
            self.line = line
        }
    }

    /// The records, in file order (duplicates included; the authenticator keeps the last).
    public var entries: [Entry]
    /// Problems that did not stop parsing, e.g. `line 4: duplicate token`.
    public var warnings: [String]

    public init(entries: [Entry] = [], warnings: [String] = []) {
        self.entries = entries
        self.warnings = warnings
    }

    /// Parses the text of a token file. `source` names the file in errors and warnings.
    public static func parse(_ text: String, source: String = "token file") throws(StaticTokenFileError)
        -> StaticTokenFile
    {
        var file = StaticTokenFile()
        var reader = TokenFileCSVReader(text: text)
        var seen = Set<String>()
        while true {
            let record: TokenFileCSVReader.Record?
            do {
                record = try reader.next()
            } catch {
                throw StaticTokenFileError(source: source, line: error.line, message: error.message)
            }
            guard let record else { break }
            let fields = record.fields
            guard fields.count >= 3 else {
                throw StaticTokenFileError(
                    source: source, line: record.line,
                    message: "must have at least 3 columns (token, user name, user uid), found \(fields.count)")
            }
            if fields[0].isEmpty {
                file.warnings.append("\(source): line \(record.line): empty token, record skipped")
                continue
            }
            if !seen.insert(fields[0]).inserted {
                file.warnings.append(
                    "\(source): line \(record.line): duplicate token, this record replaces the earlier one")
            }
            var groups = [String]()
            if fields.count >= 4 {
                groups = fields[3].split(separator: ",", omittingEmptySubsequences: true).map(String.init)
            }
            let user = AuthenticatedUser(username: fields[1], uid: fields[2], groups: groups)
            file.entries.append(Entry(token: fields[0], user: user, line: record.line))
        }
        return file
    }

    /// Reads and parses the file at `url`.
    public static func load(contentsOf url: URL) throws -> StaticTokenFile {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw StaticTokenFileError(source: url.path, line: 0, message: "is not UTF-8 text")
        }
        return try parse(text, source: url.path)
    }

    /// The file text for these entries, one record per line, quoting fields as CSV requires.
    /// `astrolift dev` writes its admin token with this.
    public func rendered() -> String {
        var out = ""
        for entry in entries {
            var fields = [entry.token, entry.user.username, entry.user.uid]
            if !entry.user.groups.isEmpty { fields.append(entry.user.groups.joined(separator: ",")) }
            out += fields.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    private static func csvField(_ s: String) -> String {
        let needsQuotes =
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.hasPrefix(" ") || s.hasPrefix("#")
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why a token file could not be read; the line is 1-based.
public struct StaticTokenFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file's name or path.
    public var source: String
    /// The line of the bad record.
    public var line: Int
    /// What is wrong.
    public var message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String { "\(source): line \(line): \(message)" }
}

/// Authenticates bearer tokens listed in a ``StaticTokenFile``.
///
/// Such tokens carry no audience: they are valid only for the API server's own audiences
/// (see ``TokenAudiences/implicit(apiAudiences:requested:)``).
public struct StaticTokenAuthenticator: TokenAuthenticator {
    private let users: [String: AuthenticatedUser]
    /// The API server's audiences.
    public let apiAudiences: [String]

    public init(file: StaticTokenFile, apiAudiences: [String] = []) {
        var users = [String: AuthenticatedUser]()
        for entry in file.entries { users[entry.token] = entry.user.addingAuthenticatedGroup() }
        self.users = users
        self.apiAudiences = apiAudiences
    }

    /// The identity of `token`, or `nil` when the file does not list it.
    public func user(forToken token: String) -> AuthenticatedUser? {
        users[token]
    }

    public func authenticate(token: String, audiences: [String]) async -> TokenAuthenticationOutcome {
        guard let user = users[token],
            let valid = TokenAudiences.implicit(apiAudiences: apiAudiences, requested: audiences)
        else { return .notRecognized }
        return .authenticated(user, audiences: valid)
    }
}

/// The CSV dialect of Go's `encoding/csv` (RFC 4180): fields may be quoted, `""` inside
/// quotes is a quote, quoted fields may span lines, and a bare `"` elsewhere is an error.
struct TokenFileCSVReader {
    struct Record {
        var fields: [String]
        var line: Int
    }

    struct Failure: Error {
        var line: Int
        var message: String
    }

    private let chars: [Character]
    private var index = 0
    private var line = 1

    init(text: String) {
        // `\r\n` is one Character in Swift, so line ends need no special casing below.
        self.chars = Array(text)
    }

    private static func isNewline(_ c: Character) -> Bool { c == "\n" || c == "\r\n" || c == "\r" }

    /// The next record, or `nil` at the end. Blank lines and `#` comment lines are skipped.
    mutating func next() throws(Failure) -> Record? {
        while index < chars.count {
            if Self.isNewline(chars[index]) {
                index += 1
                line += 1
                continue
            }
            if chars[index] == "#" {
                while index < chars.count, !Self.isNewline(chars[index]) { index += 1 }
                continue
            }
            return try readRecord()
        }
        return nil
    }

    private mutating func readRecord() throws(Failure) -> Record {
        let start = line
        var fields = [String]()
        while true {
            let (field, endOfRecord) = try readField()
            fields.append(field)
            if endOfRecord { return Record(fields: fields, line: start) }
        }
    }

    /// Reads one field and the separator after it; returns whether the record ended.
    private mutating func readField() throws(Failure) -> (String, Bool) {
        var field = ""
        if index < chars.count, chars[index] == "\"" {
            let quoteLine = line
            index += 1
            while true {
                guard index < chars.count else {
                    throw Failure(line: quoteLine, message: "extraneous or missing \" in quoted-field")
                }
                let c = chars[index]
                index += 1
                if c == "\"" {
                    if index < chars.count, chars[index] == "\"" {
                        field.append("\"")
                        index += 1
                        continue
                    }
                    break
                }
                if Self.isNewline(c) {
                    line += 1
                    field.append("\n")
                } else {
                    field.append(c)
                }
            }
            // After the closing quote only a separator or the end of the line may follow.
            guard index >= chars.count || chars[index] == "," || Self.isNewline(chars[index]) else {
                throw Failure(line: line, message: "extraneous or missing \" in quoted-field")
            }
        } else {
            while index < chars.count, chars[index] != ",", !Self.isNewline(chars[index]) {
                if chars[index] == "\"" {
                    throw Failure(line: line, message: "bare \" in non-quoted-field")
                }
                field.append(chars[index])
                index += 1
            }
        }
        if index >= chars.count { return (field, true) }
        if chars[index] == "," {
            index += 1
            return (field, false)
        }
        index += 1
        line += 1
        return (field, true)
    }
}
