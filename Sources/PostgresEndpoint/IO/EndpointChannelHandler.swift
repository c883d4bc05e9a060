import NIOCore
import PostgresWire

/// The pipeline's end: bytes in, split into requests, handed to the connection in order.
final class EndpointChannelHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var decoder = FrontendRequestDecoder()
    private let connection: EndpointConnection

    init(connection: EndpointConnection) { self.connection = connection }

    func channelActive(context: ChannelHandlerContext) {
        connection.start()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        decoder.append(buffer.readBytes(length: buffer.readableBytes) ?? [])
        do {
            while let request = try decoder.next() { connection.received(request) }
        } catch {
            connection.malformed(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
