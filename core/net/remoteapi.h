// What every client of an outside API (Twilio's REST API and recordings, Retell) does the same way: the
// checks on an address and on credentials before anything is sent, the headers that carry them, and the
// shaping of what went wrong into one of our sentences. The wording of each client's errors stays its own.
#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QUrl>

#include <QCoroTask>

namespace RemoteApi {

// "Switchboard/<version>", so that the other side's logs can tell our requests apart.
QByteArray userAgent();

// A valid http or https URL with a host: the only kind of address our requests go to.
bool isHttpUrl(const QUrl &url);
// `base` without the slashes at the end of its path, so that a path appended to it starts with its own:
// https://api.example.com/ and https://api.example.com name the same API.
QUrl withoutTrailingSlash(QUrl base);
// Scheme, host and port of `url` (user info, path, query and fragment left out): the server as an error
// text names it.
QString serverOf(const QUrl &url);

// Printable ASCII without spaces, and not empty: anything else could split or corrupt the Authorization
// header.
bool isSendableSecret(QByteArrayView secret);
// The same for the user part of Basic credentials (an account or API key SID), which may not hold a colon
// either: a colon would move the boundary between the user and the secret.
bool isSendableUser(QByteArrayView user);
// The Authorization header's value for HTTP Basic credentials: "Basic base64(user:secret)".
QByteArray basicAuthorization(const QString &user, const QByteArray &secret);

// A message from Qt or the other side, made to fit inside one of our sentences: on one line, without a
// closing full stop, and cut short (with "…") past 200 characters, so that an HTML error page does not
// turn a one-sentence error into a novel.
QString quotable(QString message);

// A task that has already failed with `error`, for a request refused before anything is sent.
template<typename T>
QCoro::Task<Result<T>> failedTask(QString error)
{
    co_return Result<T>::failure(std::move(error));
}

} // namespace RemoteApi
