// The read-only HTTP+JSON API on the live feed's listener (DESIGN.md, "Live feed"): GET /api/calls,
// /api/calls/SID and /api/stats answer exactly what `calls --json`, `calls show SID --json` and
// `stats --json` print. No socket here: the listener decodes a request and checks its token, this class
// decides the answer, and the listener sends it.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QTimeZone>
#include <QUrlQuery>

class DataDirectory;

class FeedApi
{
    Q_DECLARE_TR_FUNCTIONS(FeedApi)

public:
    struct Answer
    {
        int status = 200;
        QByteArray body; // JSON; empty for a HEAD, whose headers are those of the GET
        QByteArray contentType;
        QByteArray allow; // the Allow header of a 405; empty otherwise
    };

    // How many calls one answer lists when the request does not say.
    static constexpr int DefaultLimit = 50;
    // The most one answer lists: five hundred calls are about 150 KiB of JSON and a few milliseconds of
    // the database, so that a seat asking for more cannot hold up the router's own thread; `before`
    // reads further, page by page.
    static constexpr int MaxLimit = 500;

    // Reads `data` on the calling thread, whose connection the folder's database is.
    explicit FeedApi(DataDirectory &data);

    // `path` is the decoded path ("/api/calls/CA…"); `query` the parameters as the request gave them, the
    // token among them when the client sent it there (it is ignored: the listener checks it first).
    Answer answer(const QByteArray &method, const QString &path, const QUrlQuery &query);

private:
    using Parameters = QHash<QString, QString>;
    struct Route;

    Answer calls(const QString &, const Parameters &parameters);
    Answer call(const QString &callSid, const Parameters &parameters);
    Answer stats(const QString &, const Parameters &parameters);
    // The routing plan's time zone, in which a written day is read; this computer's when there is none.
    QTimeZone planZone();

    DataDirectory &m_data;
};
