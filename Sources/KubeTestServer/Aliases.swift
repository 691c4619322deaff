import KubeHTTPServer

/// The test server speaks the generic HTTPS server's response and stream types.
public typealias TestResponse = ServerResponse
public typealias TestStreamWriter = ResponseStreamWriter
public typealias TestQueryItem = QueryItem
