import Foundation
import TesseraHTTP

/// Posts an event to a webhook through the one HTTP client and judges the answer with the retry
/// policy. It never throws and never says the URL: what went wrong names the host alone.
public struct WebhookSender: Sendable {
    public var client: any HTTPClient
    public var policy: AlertRetryPolicy
    /// How long one attempt may take, connecting included.
    public var timeout: Duration

    public init(
        client: any HTTPClient = URLSessionHTTPClient(), policy: AlertRetryPolicy = AlertRetryPolicy(),
        timeout: Duration = .seconds(5)
    ) {
        self.client = client
        self.policy = policy
        self.timeout = timeout
    }

    /// Sends `event` to `webhook` as its attempt number `attempt` (counting from 1).
    public func send(_ event: AlertEvent, to webhook: Webhook, attempt: Int, now: Date) async
        -> AlertRetryPolicy.Outcome
    {
        guard let url = URL(string: webhook.rule.webhook.value) else {
            return .failed(error: "the webhook declared at \(webhook.place) is not a URL")
        }
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [
                HTTPField(name: "Content-Type", value: "application/json"),
                HTTPField(name: "User-Agent", value: "tessera-alerts"),
            ],
            body: WebhookBody.render(event, as: webhook.rule.format), timeout: timeout)
        do {
            let response = try await client.send(request)
            return policy.judge(
                status: response.status, failure: nil, attempts: attempt, host: webhook.host, now: now)
        } catch let error as HTTPClientError {
            return policy.judge(status: nil, failure: error, attempts: attempt, host: webhook.host, now: now)
        } catch {
            // Cancelled: not the webhook's fault, and not an attempt it should be charged for.
            return .retry(at: now, error: "the attempt was cancelled (\(webhook.host))")
        }
    }
}
