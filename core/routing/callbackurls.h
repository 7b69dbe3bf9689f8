// The URLs of our own webhooks as Twilio must call them (public base + path + token).
#pragma once

#include <QString>
#include <QUrl>

struct CallMove;

// Which <Dial> a dial result is for: the AI agent, the fallback number, or a round of people.
enum class DialLeg { Agent, Fallback, Target };

class CallbackUrls
{
public:
    // `base` is server.public_url, or the origin the request arrived on when none is set.
    CallbackUrls(QUrl base, QString token);

    QUrl voice() const;
    QUrl status() const;
    QUrl dialResult(DialLeg leg) const;
    // The <Gather action> of a keypad menu.
    QUrl menu() const;
    // The screening TwiML a staff member hears on picking up (<Number url>), and the <Gather
    // action> of their key: `callSid` is the caller's call, whose session decides.
    QUrl confirm(const QString &callSid, const QString &staffId, int attempt, bool key = false) const;
    // The status callback of a dialled leg (<Number>/<Sip> statusCallback) that Twilio posts when it
    // answers: `callSid` is the caller's call, `staffId` who of the round it is (empty for the agent,
    // the fallback number or a plain number).
    QUrl legAnswered(const QString &callSid, DialLeg leg, const QString &staffId = {}) const;
    // The <Record action> of a voicemail, its recordingStatusCallback and its transcribeCallback.
    QUrl recorded() const;
    QUrl recordingStatus() const;
    QUrl transcription() const;

    // The control webhook Twilio fetches once a seat's move of a live call was sent (CallMove).
    QUrl control(const CallMove &move) const;

    // The URL of a line that rings after a seat moved the call `moves` times: it says so in `moved`.
    static QUrl stampMoves(QUrl url, int moves);
    // What stampMoves() put in a URL; 0 for none.
    static int movesIn(const QUrl &url);

    // A call-back's call to the staff member (or desk phone) who rings first, placed by REST: its
    // instructions once they answer (`step` "answer"), their key ("key", `attempt` counting the prompts)
    // and the customer's <Dial action> ("result"). The call's session says whom it calls back.
    QUrl callBack(const QString &step, int attempt = 1) const;

    static QString legName(DialLeg leg);
    static bool parseLeg(const QString &name, DialLeg *leg);

private:
    QUrl withPath(const QString &path, const QString &query = {}) const;

    QUrl m_base;
    QString m_token;
};
