// The URLs Twilio may have signed for one webhook request: exactly what it requested, rebuilt
// from the public base URL and the request target as it arrived, never decoded and re-encoded.
#pragma once

#include <QStringList>

struct WebhookRequest;

class SignedUrls
{
public:
    // `publicUrl` is server.public_url as the owner wrote it (empty: the request's own origin,
    // from its Host header). Hosts compare without case, so the host is tried as written, in
    // lower case, and as the request's Host header spells it when that names the same host.
    static QStringList candidates(const WebhookRequest &request, const QString &publicUrl);
};
