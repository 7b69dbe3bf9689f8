// Reads and writes the routing plan document; every fault is reported with its JSON path.
#include "plandocument.h"

#include "phone/phonenormalizer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Deep enough for a menu inside a menu with fallbacks; a deeper document is a mistake, not a plan.
constexpr int MaxActionDepth = 8;
constexpr qsizetype MaxIdLength = 64;
constexpr qsizetype MaxSayLength = 4096;

const QStringList DayNames { u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s, u"sun"_s };

QString join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString indexed(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

QString actionName(ActionKind kind)
{
    switch (kind) {
    case ActionKind::AiAgent:
        return u"ai_agent"_s;
    case ActionKind::Team:
        return u"team"_s;
    case ActionKind::Staff:
        return u"staff"_s;
    case ActionKind::Number:
        return u"number"_s;
    case ActionKind::AssignedStaff:
        return u"assigned_staff"_s;
    case ActionKind::NumberOwner:
        return u"number_owner"_s;
    case ActionKind::Menu:
        return u"menu"_s;
    case ActionKind::Voicemail:
        return u"voicemail"_s;
    case ActionKind::Message:
        return u"message"_s;
    case ActionKind::Reject:
        return u"reject"_s;
    }
    return {};
}

std::optional<ActionKind> actionKind(const QString &name)
{
    for (const ActionKind kind : { ActionKind::AiAgent, ActionKind::Team, ActionKind::Staff, ActionKind::Number,
             ActionKind::AssignedStaff, ActionKind::NumberOwner, ActionKind::Menu, ActionKind::Voicemail,
             ActionKind::Message, ActionKind::Reject }) {
        if (actionName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString timeText(const QTime &time)
{
    return time.toString(u"HH:mm"_s);
}

// Collects every fault with its path while reading, so that one import run lists them all.
class DocumentReader
{
    Q_DECLARE_TR_FUNCTIONS(PlanDocument)

public:
    DocumentReader(const QString &defaultRegion)
        : m_normalizer(defaultRegion)
    {
    }

    QStringList errors;

    void fail(const QString &path, const QString &message)
    {
        errors.append(path.isEmpty() ? message : path + u": "_s + message);
    }

    // Unknown keys are errors: a typo must not silently change how calls are routed.
    void checkKeys(const QJsonObject &object, const QString &path, const QStringList &known)
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!known.contains(it.key()))
                fail(join(path, it.key()), tr("unknown key (expected one of: %1)").arg(known.join(u", "_s)));
        }
    }

    std::optional<QJsonObject> object(const QJsonValue &value, const QString &path)
    {
        if (value.isObject())
            return value.toObject();
        fail(path, tr("must be an object"));
        return std::nullopt;
    }

    // An absent key gives an empty array.
    QJsonArray array(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isArray()) {
            fail(join(path, key), tr("must be a list"));
            return {};
        }
        return value.toArray();
    }

    QString text(const QJsonValue &value, const QString &path, bool required)
    {
        if (value.isUndefined()) {
            if (required)
                fail(path, tr("is required"));
            return {};
        }
        if (!value.isString()) {
            fail(path, tr("must be text"));
            return {};
        }
        const QString result = value.toString().trimmed();
        if (required && result.isEmpty())
            fail(path, tr("must not be empty"));
        return result;
    }

    QString text(const QJsonObject &object, const QString &key, const QString &path, bool required)
    {
        return text(object.value(key), join(path, key), required);
    }

    QString identifier(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QString id = text(object, key, path, true);
        const bool valid = std::all_of(id.cbegin(), id.cend(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'
                || c == u'-' || c == u'.';
        });
        if (!id.isEmpty() && (!valid || id.size() > MaxIdLength))
            fail(join(path, key),
                tr("\"%1\" is not a usable id (letters, digits, _ - . and at most %2 characters)")
                    .arg(id)
                    .arg(MaxIdLength));
        return id;
    }

    int integer(const QJsonObject &object, const QString &key, const QString &path, int min, int max, int fallback)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return fallback;
        const double number = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(number) != number || number < min || number > max) {
            fail(join(path, key), tr("must be a whole number from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return int(number);
    }

    bool boolean(const QJsonObject &object, const QString &key, const QString &path, bool fallback)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool()) {
            fail(join(path, key), tr("must be true or false"));
            return fallback;
        }
        return value.toBool();
    }

    QString phone(const QJsonValue &value, const QString &path)
    {
        const QString written = text(value, path, true);
        if (written.isEmpty())
            return {};
        QString error;
        const std::optional<QString> e164 = m_normalizer.toE164(written, &error);
        if (!e164)
            fail(path, error);
        return e164.value_or(QString());
    }

    CallerList callerList(const QJsonValue &value, const QString &path)
    {
        if (!value.isArray()) {
            fail(path, tr("must be a list of numbers or prefixes"));
            return {};
        }
        QStringList entries;
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString written = text(array.at(i), indexed(path, i), true);
            if (written.isEmpty())
                continue;
            QString error;
            if (const std::optional<QString> entry = CallerList::parseEntry(written, m_normalizer, &error))
                entries.append(*entry);
            else
                fail(indexed(path, i), error);
        }
        return CallerList(entries);
    }

    Message message(const QJsonValue &value, const QString &path)
    {
        const std::optional<QJsonObject> object = this->object(value, path);
        if (!object)
            return {};
        checkKeys(*object, path, { u"say"_s, u"voice"_s, u"language"_s, u"play"_s });
        Message message;
        message.say = text(*object, u"say"_s, path, false);
        message.voice = text(*object, u"voice"_s, path, false);
        message.language = text(*object, u"language"_s, path, false);
        const QString play = text(*object, u"play"_s, path, false);
        if (!play.isEmpty()) {
            const QUrl url(play, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
                fail(join(path, u"play"_s), tr("\"%1\" is not an http or https address").arg(play));
            else
                message.play = url;
        }
        if (message.say.isEmpty() == play.isEmpty())
            fail(path, tr("needs either \"say\" (text to read) or \"play\" (an audio address), not both"));
        if (!play.isEmpty() && (!message.voice.isEmpty() || !message.language.isEmpty()))
            fail(path, tr("\"voice\" and \"language\" only apply to \"say\""));
        if (message.say.size() > MaxSayLength)
            fail(join(path, u"say"_s), tr("is longer than %1 characters").arg(MaxSayLength));
        return message;
    }

    QTime clock(const QJsonObject &object, const QString &key, const QString &path)
    {
        const QString written = text(object, key, path, true);
        if (written.isEmpty())
            return {};
        // "24:00" ends a window at midnight, which QTime spells 00:00.
        const QTime time = written == u"24:00"_s ? QTime(0, 0) : QTime::fromString(written, u"HH:mm"_s);
        if (!time.isValid())
            fail(join(path, key), tr("\"%1\" is not a time of day such as 08:30").arg(written));
        return time;
    }

    Schedule schedule(const QJsonObject &object, const QString &path)
    {
        checkKeys(object, path, { u"id"_s, u"name"_s, u"weekly"_s, u"closed"_s });
        Schedule schedule;
        schedule.id = identifier(object, u"id"_s, path);
        schedule.name = text(object, u"name"_s, path, false).trimmed();
        const QJsonArray weekly = array(object, u"weekly"_s, path);
        for (qsizetype i = 0; i < weekly.size(); ++i) {
            const QString windowPath = indexed(join(path, u"weekly"_s), i);
            const std::optional<QJsonObject> window = this->object(weekly.at(i), windowPath);
            if (!window)
                continue;
            checkKeys(*window, windowPath, { u"days"_s, u"from"_s, u"to"_s });
            WeeklyWindow parsed;
            const QJsonArray days = array(*window, u"days"_s, windowPath);
            if (days.isEmpty())
                fail(join(windowPath, u"days"_s), tr("needs at least one day (mon … sun)"));
            for (qsizetype d = 0; d < days.size(); ++d) {
                const QString day = text(days.at(d), indexed(join(windowPath, u"days"_s), d), true).toLower();
                const qsizetype index = DayNames.indexOf(day);
                if (index < 0 && !day.isEmpty())
                    fail(indexed(join(windowPath, u"days"_s), d),
                        tr("\"%1\" is not a day (mon, tue, wed, thu, fri, sat, sun)").arg(day));
                else if (index >= 0 && !parsed.days.contains(Qt::DayOfWeek(index + 1)))
                    parsed.days.append(Qt::DayOfWeek(index + 1));
            }
            parsed.from = clock(*window, u"from"_s, windowPath);
            parsed.to = clock(*window, u"to"_s, windowPath);
            schedule.weekly.append(parsed);
        }
        const QJsonArray closed = array(object, u"closed"_s, path);
        for (qsizetype i = 0; i < closed.size(); ++i) {
            const QString written = text(closed.at(i), indexed(join(path, u"closed"_s), i), true);
            const QDate date = QDate::fromString(written, Qt::ISODate);
            if (!date.isValid() && !written.isEmpty())
                fail(indexed(join(path, u"closed"_s), i), tr("\"%1\" is not a date such as 2026-12-25").arg(written));
            else if (date.isValid())
                schedule.closed.append(date);
        }
        return schedule;
    }

    StaffMember staffMember(const QJsonObject &object, const QString &path)
    {
        checkKeys(object, path, { u"id"_s, u"name"_s, u"phone"_s, u"active"_s, u"schedule"_s, u"owns_numbers"_s });
        StaffMember member;
        member.id = identifier(object, u"id"_s, path);
        member.name = text(object, u"name"_s, path, true);
        member.phone = phone(object.value(u"phone"_s), join(path, u"phone"_s));
        member.active = boolean(object, u"active"_s, path, true);
        member.schedule = text(object, u"schedule"_s, path, false);
        const QJsonArray owns = array(object, u"owns_numbers"_s, path);
        for (qsizetype i = 0; i < owns.size(); ++i) {
            const QString number = phone(owns.at(i), indexed(join(path, u"owns_numbers"_s), i));
            if (!number.isEmpty())
                member.ownsNumbers.append(number);
        }
        return member;
    }

    Team team(const QJsonObject &object, const QString &path)
    {
        checkKeys(object, path,
            { u"id"_s, u"name"_s, u"tiers"_s, u"ring"_s, u"max_people"_s, u"ring_seconds"_s, u"skip_dialed"_s,
                u"sticky_days"_s });
        Team team;
        team.id = identifier(object, u"id"_s, path);
        team.name = text(object, u"name"_s, path, false);
        if (team.name.isEmpty())
            team.name = team.id;
        const QJsonArray tiers = array(object, u"tiers"_s, path);
        if (tiers.isEmpty())
            fail(join(path, u"tiers"_s), tr("needs at least one tier of staff ids, e.g. [[\"alice\", \"bob\"]]"));
        for (qsizetype t = 0; t < tiers.size(); ++t) {
            const QString tierPath = indexed(join(path, u"tiers"_s), t);
            if (!tiers.at(t).isArray() || tiers.at(t).toArray().isEmpty()) {
                fail(tierPath, tr("must be a list of one or more staff ids"));
                continue;
            }
            QStringList tier;
            const QJsonArray members = tiers.at(t).toArray();
            for (qsizetype m = 0; m < members.size(); ++m)
                tier.append(text(members.at(m), indexed(tierPath, m), true));
            team.tiers.append(tier);
        }
        const QString ring = text(object, u"ring"_s, path, false);
        if (ring == u"all_at_once"_s)
            team.ring = RingMode::AllAtOnce;
        else if (!ring.isEmpty() && ring != u"one_by_one"_s)
            fail(join(path, u"ring"_s), tr("must be \"one_by_one\" or \"all_at_once\""));
        team.maxPeople = integer(object, u"max_people"_s, path, 1, 10, team.maxPeople);
        team.ringSeconds = integer(object, u"ring_seconds"_s, path, 5, 120, team.ringSeconds);
        team.skipDialed = boolean(object, u"skip_dialed"_s, path, team.skipDialed);
        team.stickyDays = integer(object, u"sticky_days"_s, path, 0, 365, team.stickyDays);
        return team;
    }

    Condition condition(const QJsonValue &value, const QString &path)
    {
        const std::optional<QJsonObject> object = this->object(value, path);
        if (!object)
            return {};
        checkKeys(*object, path,
            { u"has_booking"_s, u"caller_in"_s, u"caller_not_in"_s, u"inside"_s, u"outside"_s, u"called"_s });
        Condition condition;
        if (object->contains(u"has_booking"_s))
            condition.hasBooking = boolean(*object, u"has_booking"_s, path, true);
        condition.callerIn = text(*object, u"caller_in"_s, path, false);
        condition.callerNotIn = text(*object, u"caller_not_in"_s, path, false);
        condition.inside = text(*object, u"inside"_s, path, false);
        condition.outside = text(*object, u"outside"_s, path, false);
        const QJsonValue called = object->value(u"called"_s);
        if (called.isString()) {
            condition.called.append(phone(called, join(path, u"called"_s)));
        } else {
            const QJsonArray numbers = array(*object, u"called"_s, path);
            if (called.isArray() && numbers.isEmpty())
                fail(join(path, u"called"_s), tr("needs at least one number"));
            for (qsizetype i = 0; i < numbers.size(); ++i)
                condition.called.append(phone(numbers.at(i), indexed(join(path, u"called"_s), i)));
        }
        condition.called.removeAll(QString());
        return condition;
    }

    Action action(const QJsonValue &value, const QString &path, int depth)
    {
        const std::optional<QJsonObject> object = this->object(value, path);
        if (!object)
            return {};
        if (depth > MaxActionDepth) {
            fail(path, tr("actions are nested more than %1 deep").arg(MaxActionDepth));
            return {};
        }
        const QString name = text(*object, u"do"_s, path, true);
        const std::optional<ActionKind> kind = actionKind(name);
        if (!kind) {
            if (!name.isEmpty())
                fail(join(path, u"do"_s),
                    tr("\"%1\" is not an action (ai_agent, team, staff, number, assigned_staff, number_owner, "
                       "menu, voicemail, message, reject)")
                        .arg(name));
            return {};
        }
        Action action;
        action.kind = *kind;
        QStringList known { u"do"_s };
        if (action.reachesSomeone())
            known << u"otherwise"_s;
        switch (action.kind) {
        case ActionKind::Team:
            known << u"team"_s;
            action.team = text(*object, u"team"_s, path, true);
            break;
        case ActionKind::Staff:
            known << u"staff"_s << u"ring_seconds"_s;
            action.staff = text(*object, u"staff"_s, path, true);
            break;
        case ActionKind::Number:
            known << u"number"_s << u"ring_seconds"_s;
            action.number = phone(object->value(u"number"_s), join(path, u"number"_s));
            break;
        case ActionKind::AssignedStaff:
        case ActionKind::NumberOwner:
            known << u"ring_seconds"_s;
            break;
        case ActionKind::Menu: {
            known << u"prompt"_s << u"timeout_s"_s << u"attempts"_s << u"options"_s;
            action.message = message(object->value(u"prompt"_s), join(path, u"prompt"_s));
            action.timeoutSeconds = integer(*object, u"timeout_s"_s, path, 1, 60, 5);
            action.attempts = integer(*object, u"attempts"_s, path, 1, 10, 3);
            const std::optional<QJsonObject> options = this->object(object->value(u"options"_s), join(path, u"options"_s));
            if (options && options->isEmpty())
                fail(join(path, u"options"_s), tr("needs at least one key, e.g. {\"1\": {\"do\": \"team\", …}}"));
            for (auto it = options ? options->constBegin() : QJsonObject::const_iterator();
                 options && it != options->constEnd(); ++it) {
                const QString optionPath = join(join(path, u"options"_s), it.key());
                if (it.key().size() != 1 || !it.key().at(0).isDigit()) {
                    fail(optionPath, tr("a menu key must be one digit from 0 to 9"));
                    continue;
                }
                action.options.append(
                    { it.key().at(0), std::make_shared<const Action>(this->action(it.value(), optionPath, depth + 1)) });
            }
            break;
        }
        case ActionKind::Voicemail:
            known << u"greeting"_s;
            if (object->contains(u"greeting"_s))
                action.message = message(object->value(u"greeting"_s), join(path, u"greeting"_s));
            break;
        case ActionKind::Message:
            known << u"message"_s;
            action.message = message(object->value(u"message"_s), join(path, u"message"_s));
            break;
        case ActionKind::AiAgent:
        case ActionKind::Reject:
            break;
        }
        if (known.contains(u"ring_seconds"_s) && object->contains(u"ring_seconds"_s))
            action.ringSeconds = integer(*object, u"ring_seconds"_s, path, 5, 120, 20);
        if (action.reachesSomeone() && object->contains(u"otherwise"_s))
            action.otherwise = std::make_shared<const Action>(
                this->action(object->value(u"otherwise"_s), join(path, u"otherwise"_s), depth + 1));
        if (object->contains(u"otherwise"_s) && !action.reachesSomeone()) {
            fail(join(path, u"otherwise"_s),
                tr("only an action that tries to reach someone can have \"otherwise\""));
            known << u"otherwise"_s;
        }
        checkKeys(*object, path, known);
        m_actions.append({ path, action });
        return action;
    }

    // References are checked once everything is read, so their order in the document does not matter.
    void checkReferences(const RoutingModel &model)
    {
        for (const auto &[path, action] : std::as_const(m_actions)) {
            if (action.kind == ActionKind::Team && !action.team.isEmpty() && !model.findTeam(action.team))
                fail(join(path, u"team"_s), tr("no team \"%1\"").arg(action.team));
            if (action.kind == ActionKind::Staff && !action.staff.isEmpty() && !model.findStaff(action.staff))
                fail(join(path, u"staff"_s), tr("no staff member \"%1\"").arg(action.staff));
        }
    }

private:
    PhoneNormalizer m_normalizer;
    QList<std::pair<QString, Action>> m_actions;
};

template<typename T>
void checkUniqueIds(DocumentReader &reader, const QList<T> &items, const QString &path, const QString &what)
{
    QSet<QString> seen;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString &id = items.at(i).id;
        if (id.isEmpty())
            continue;
        if (seen.contains(id))
            reader.fail(join(indexed(path, i), u"id"_s), PlanDocument::tr("another %1 already has the id \"%2\"").arg(what, id));
        seen.insert(id);
    }
}

QString lineAndColumn(const QByteArray &json, int offset)
{
    // Qt reports the offset just past the character it stumbled on.
    offset = std::max(0, offset - 1);
    const QByteArray before = json.left(offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return PlanDocument::tr("line %1, column %2").arg(line).arg(column);
}

QJsonObject messageJson(const Message &message)
{
    QJsonObject object;
    if (!message.play.isEmpty()) {
        object.insert(u"play"_s, message.play.toString());
        return object;
    }
    object.insert(u"say"_s, message.say);
    if (!message.voice.isEmpty())
        object.insert(u"voice"_s, message.voice);
    if (!message.language.isEmpty())
        object.insert(u"language"_s, message.language);
    return object;
}

QJsonArray stringArray(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}

QJsonObject actionJson(const Action &action)
{
    QJsonObject object { { u"do"_s, actionName(action.kind) } };
    switch (action.kind) {
    case ActionKind::Team:
        object.insert(u"team"_s, action.team);
        break;
    case ActionKind::Staff:
        object.insert(u"staff"_s, action.staff);
        break;
    case ActionKind::Number:
        object.insert(u"number"_s, action.number);
        break;
    case ActionKind::Menu: {
        object.insert(u"prompt"_s, messageJson(action.message));
        object.insert(u"timeout_s"_s, action.timeoutSeconds);
        object.insert(u"attempts"_s, action.attempts);
        QJsonObject options;
        for (const MenuOption &option : action.options)
            options.insert(QString(option.digit), actionJson(*option.action));
        object.insert(u"options"_s, options);
        break;
    }
    case ActionKind::Voicemail:
        if (!action.message.isEmpty())
            object.insert(u"greeting"_s, messageJson(action.message));
        break;
    case ActionKind::Message:
        object.insert(u"message"_s, messageJson(action.message));
        break;
    case ActionKind::AiAgent:
    case ActionKind::AssignedStaff:
    case ActionKind::NumberOwner:
    case ActionKind::Reject:
        break;
    }
    if (action.ringSeconds)
        object.insert(u"ring_seconds"_s, *action.ringSeconds);
    if (action.otherwise)
        object.insert(u"otherwise"_s, actionJson(*action.otherwise));
    return object;
}

QJsonObject conditionJson(const Condition &condition)
{
    QJsonObject object;
    if (condition.hasBooking)
        object.insert(u"has_booking"_s, *condition.hasBooking);
    if (!condition.callerIn.isEmpty())
        object.insert(u"caller_in"_s, condition.callerIn);
    if (!condition.callerNotIn.isEmpty())
        object.insert(u"caller_not_in"_s, condition.callerNotIn);
    if (!condition.inside.isEmpty())
        object.insert(u"inside"_s, condition.inside);
    if (!condition.outside.isEmpty())
        object.insert(u"outside"_s, condition.outside);
    if (!condition.called.isEmpty())
        object.insert(u"called"_s, stringArray(condition.called));
    return object;
}

} // namespace

PlanDocument::ParseResult PlanDocument::parse(
    const QByteArray &json, const QString &defaultRegion, const QTimeZone &defaultZone)
{
    ParseResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(tr("not valid JSON at %1: %2")
                                 .arg(lineAndColumn(json, parseError.offset), parseError.errorString()));
        return result;
    }
    if (!document.isObject()) {
        result.errors.append(tr("the document must be a JSON object ({ \"version\": 1, … })"));
        return result;
    }

    DocumentReader reader(defaultRegion);
    const QJsonObject root = document.object();
    reader.checkKeys(root, {},
        { u"version"_s, u"time_zone"_s, u"staff"_s, u"schedules"_s, u"teams"_s, u"lists"_s, u"allow"_s,
            u"block"_s, u"messages"_s, u"accept"_s, u"voicemail"_s, u"plans"_s });
    RoutingModel model;

    if (!root.contains(u"version"_s))
        reader.fail(u"version"_s, tr("is required (this Switchboard reads version %1)").arg(RoutingModel::DocumentVersion));
    else if (root.value(u"version"_s).toInt(-1) != RoutingModel::DocumentVersion)
        reader.fail(u"version"_s,
            tr("this Switchboard reads version %1 of the plan document").arg(RoutingModel::DocumentVersion));

    const QString zone = reader.text(root, u"time_zone"_s, {}, false);
    model.timeZone = zone.isEmpty() ? defaultZone : QTimeZone(zone.toUtf8());
    if (!model.timeZone.isValid())
        reader.fail(u"time_zone"_s, tr("\"%1\" is not a time zone such as America/New_York").arg(zone));

    const QJsonArray schedules = reader.array(root, u"schedules"_s, {});
    for (qsizetype i = 0; i < schedules.size(); ++i) {
        if (const auto object = reader.object(schedules.at(i), indexed(u"schedules"_s, i)))
            model.schedules.append(reader.schedule(*object, indexed(u"schedules"_s, i)));
    }
    checkUniqueIds(reader, model.schedules, u"schedules"_s, tr("schedule"));

    const QJsonArray staff = reader.array(root, u"staff"_s, {});
    QHash<QString, QString> numberOwners; // number -> path of the staff member owning it
    for (qsizetype i = 0; i < staff.size(); ++i) {
        const QString path = indexed(u"staff"_s, i);
        const auto object = reader.object(staff.at(i), path);
        if (!object)
            continue;
        const StaffMember member = reader.staffMember(*object, path);
        if (!member.schedule.isEmpty() && !model.findSchedule(member.schedule))
            reader.fail(join(path, u"schedule"_s), tr("no schedule \"%1\"").arg(member.schedule));
        for (const QString &number : member.ownsNumbers) {
            if (numberOwners.contains(number))
                reader.fail(join(path, u"owns_numbers"_s),
                    tr("%1 already belongs to %2").arg(number, numberOwners.value(number)));
            numberOwners.insert(number, path);
        }
        model.staff.append(member);
    }
    checkUniqueIds(reader, model.staff, u"staff"_s, tr("staff member"));

    const QJsonArray teams = reader.array(root, u"teams"_s, {});
    for (qsizetype i = 0; i < teams.size(); ++i) {
        const QString path = indexed(u"teams"_s, i);
        const auto object = reader.object(teams.at(i), path);
        if (!object)
            continue;
        const Team team = reader.team(*object, path);
        // A person may be in several tiers (skip_dialed decides whether they ring again there), but
        // twice in one tier says nothing more than once.
        for (qsizetype t = 0; t < team.tiers.size(); ++t) {
            QSet<QString> inTier;
            for (qsizetype m = 0; m < team.tiers.at(t).size(); ++m) {
                const QString &id = team.tiers.at(t).at(m);
                const QString memberPath = indexed(indexed(join(path, u"tiers"_s), t), m);
                if (!id.isEmpty() && !model.findStaff(id))
                    reader.fail(memberPath, tr("no staff member \"%1\"").arg(id));
                else if (inTier.contains(id))
                    reader.fail(memberPath, tr("\"%1\" is already in this tier").arg(id));
                inTier.insert(id);
            }
        }
        model.teams.append(team);
    }
    checkUniqueIds(reader, model.teams, u"teams"_s, tr("team"));

    if (const QJsonValue lists = root.value(u"lists"_s); !lists.isUndefined()) {
        if (const auto object = reader.object(lists, u"lists"_s)) {
            for (auto it = object->constBegin(); it != object->constEnd(); ++it)
                model.lists.insert(it.key(), reader.callerList(it.value(), join(u"lists"_s, it.key())));
        }
    }
    if (root.contains(u"allow"_s))
        model.allow = reader.callerList(root.value(u"allow"_s), u"allow"_s);
    if (root.contains(u"block"_s))
        model.block = reader.callerList(root.value(u"block"_s), u"block"_s);

    if (const QJsonValue messages = root.value(u"messages"_s); !messages.isUndefined()) {
        if (const auto object = reader.object(messages, u"messages"_s)) {
            reader.checkKeys(*object, u"messages"_s,
                { u"welcome"_s, u"closing"_s, u"voicemail_greeting"_s, u"accept_prompt"_s });
            const auto read = [&](const QString &key, Message &into) {
                if (object->contains(key))
                    into = reader.message(object->value(key), join(u"messages"_s, key));
            };
            read(u"welcome"_s, model.messages.welcome);
            read(u"closing"_s, model.messages.closing);
            read(u"voicemail_greeting"_s, model.messages.voicemailGreeting);
            read(u"accept_prompt"_s, model.messages.acceptPrompt);
        }
    }

    if (const QJsonValue accept = root.value(u"accept"_s); !accept.isUndefined()) {
        if (const auto object = reader.object(accept, u"accept"_s)) {
            reader.checkKeys(*object, u"accept"_s, { u"required"_s, u"attempts"_s, u"timeout_s"_s });
            model.accept.required = reader.boolean(*object, u"required"_s, u"accept"_s, model.accept.required);
            model.accept.attempts = reader.integer(*object, u"attempts"_s, u"accept"_s, 1, 5, model.accept.attempts);
            model.accept.timeoutSeconds
                = reader.integer(*object, u"timeout_s"_s, u"accept"_s, 1, 30, model.accept.timeoutSeconds);
        }
    }

    if (const QJsonValue voicemail = root.value(u"voicemail"_s); !voicemail.isUndefined()) {
        if (const auto object = reader.object(voicemail, u"voicemail"_s)) {
            reader.checkKeys(*object, u"voicemail"_s, { u"on_no_answer"_s, u"max_seconds"_s, u"transcribe"_s });
            model.voicemail.onNoAnswer
                = reader.boolean(*object, u"on_no_answer"_s, u"voicemail"_s, model.voicemail.onNoAnswer);
            model.voicemail.maxSeconds
                = reader.integer(*object, u"max_seconds"_s, u"voicemail"_s, 5, 120, model.voicemail.maxSeconds);
            model.voicemail.transcribe
                = reader.boolean(*object, u"transcribe"_s, u"voicemail"_s, model.voicemail.transcribe);
        }
    }

    const QJsonArray plans = reader.array(root, u"plans"_s, {});
    QHash<QString, QString> planOfNumber; // number (or "default") -> path of the plan naming it
    for (qsizetype p = 0; p < plans.size(); ++p) {
        const QString path = indexed(u"plans"_s, p);
        const auto object = reader.object(plans.at(p), path);
        if (!object)
            continue;
        reader.checkKeys(*object, path, { u"numbers"_s, u"rules"_s });
        RoutingPlan plan;
        const QJsonArray numbers = reader.array(*object, u"numbers"_s, path);
        if (numbers.isEmpty())
            reader.fail(join(path, u"numbers"_s), tr("needs at least one number, or \"default\" for all others"));
        for (qsizetype n = 0; n < numbers.size(); ++n) {
            const QString numberPath = indexed(join(path, u"numbers"_s), n);
            const QString number = numbers.at(n).toString() == RoutingModel::DefaultPlanNumber
                ? RoutingModel::DefaultPlanNumber
                : reader.phone(numbers.at(n), numberPath);
            if (number.isEmpty())
                continue;
            if (planOfNumber.contains(number))
                reader.fail(numberPath, tr("%1 already has a plan (%2)").arg(number, planOfNumber.value(number)));
            planOfNumber.insert(number, path);
            plan.numbers.append(number);
        }
        const QJsonArray rules = reader.array(*object, u"rules"_s, path);
        for (qsizetype r = 0; r < rules.size(); ++r) {
            const QString rulePath = indexed(join(path, u"rules"_s), r);
            const auto rule = reader.object(rules.at(r), rulePath);
            if (!rule)
                continue;
            reader.checkKeys(*rule, rulePath, { u"name"_s, u"if"_s, u"then"_s });
            Rule parsed;
            parsed.name = reader.text(*rule, u"name"_s, rulePath, false);
            if (parsed.name.isEmpty())
                parsed.name = tr("Rule %1").arg(r + 1);
            parsed.when = rule->contains(u"if"_s) ? reader.condition(rule->value(u"if"_s), join(rulePath, u"if"_s))
                                                  : Condition();
            const QString conditionPath = join(rulePath, u"if"_s);
            const auto needList = [&](const QString &name, const QString &key) {
                if (!name.isEmpty() && !model.lists.contains(name))
                    reader.fail(join(conditionPath, key), tr("no list \"%1\"").arg(name));
            };
            needList(parsed.when.callerIn, u"caller_in"_s);
            needList(parsed.when.callerNotIn, u"caller_not_in"_s);
            const auto needSchedule = [&](const QString &id, const QString &key) {
                if (!id.isEmpty() && !model.findSchedule(id))
                    reader.fail(join(conditionPath, key), tr("no schedule \"%1\"").arg(id));
            };
            needSchedule(parsed.when.inside, u"inside"_s);
            needSchedule(parsed.when.outside, u"outside"_s);
            if (!rule->contains(u"then"_s))
                reader.fail(join(rulePath, u"then"_s), tr("is required: what happens to a call this rule matches"));
            else
                parsed.then = reader.action(rule->value(u"then"_s), join(rulePath, u"then"_s), 1);
            plan.rules.append(parsed);
        }
        model.plans.append(plan);
    }

    reader.checkReferences(model);
    result.errors = reader.errors;
    if (result.errors.isEmpty())
        result.model = std::move(model);
    return result;
}

QByteArray PlanDocument::toJson(const RoutingModel &model)
{
    QJsonObject root;
    root.insert(u"version"_s, RoutingModel::DocumentVersion);
    root.insert(u"time_zone"_s, QString::fromUtf8(model.timeZone.id()));

    QJsonArray staff;
    for (const StaffMember &member : model.staff) {
        QJsonObject object { { u"id"_s, member.id }, { u"name"_s, member.name }, { u"phone"_s, member.phone },
            { u"active"_s, member.active } };
        if (!member.schedule.isEmpty())
            object.insert(u"schedule"_s, member.schedule);
        if (!member.ownsNumbers.isEmpty())
            object.insert(u"owns_numbers"_s, stringArray(member.ownsNumbers));
        staff.append(object);
    }
    root.insert(u"staff"_s, staff);

    QJsonArray schedules;
    for (const Schedule &schedule : model.schedules) {
        QJsonArray weekly;
        for (const WeeklyWindow &window : schedule.weekly) {
            QStringList days;
            for (const Qt::DayOfWeek day : window.days)
                days.append(DayNames.at(int(day) - 1));
            weekly.append(QJsonObject {
                { u"days"_s, stringArray(days) }, { u"from"_s, timeText(window.from) }, { u"to"_s, timeText(window.to) } });
        }
        QStringList closed;
        for (const QDate &date : schedule.closed)
            closed.append(date.toString(Qt::ISODate));
        QJsonObject written { { u"id"_s, schedule.id }, { u"weekly"_s, weekly }, { u"closed"_s, stringArray(closed) } };
        if (!schedule.name.isEmpty() && schedule.name != schedule.id)
            written.insert(u"name"_s, schedule.name);
        schedules.append(written);
    }
    root.insert(u"schedules"_s, schedules);

    QJsonArray teams;
    for (const Team &team : model.teams) {
        QJsonArray tiers;
        for (const QStringList &tier : team.tiers)
            tiers.append(stringArray(tier));
        teams.append(QJsonObject { { u"id"_s, team.id }, { u"name"_s, team.name }, { u"tiers"_s, tiers },
            { u"ring"_s, team.ring == RingMode::AllAtOnce ? u"all_at_once"_s : u"one_by_one"_s },
            { u"max_people"_s, team.maxPeople }, { u"ring_seconds"_s, team.ringSeconds },
            { u"skip_dialed"_s, team.skipDialed }, { u"sticky_days"_s, team.stickyDays } });
    }
    root.insert(u"teams"_s, teams);

    QJsonObject lists;
    for (auto it = model.lists.cbegin(); it != model.lists.cend(); ++it)
        lists.insert(it.key(), stringArray(it.value().entries()));
    root.insert(u"lists"_s, lists);
    root.insert(u"allow"_s, stringArray(model.allow.entries()));
    root.insert(u"block"_s, stringArray(model.block.entries()));

    QJsonObject messages;
    const auto putMessage = [&](const QString &key, const Message &message) {
        if (!message.isEmpty())
            messages.insert(key, messageJson(message));
    };
    putMessage(u"welcome"_s, model.messages.welcome);
    putMessage(u"closing"_s, model.messages.closing);
    putMessage(u"voicemail_greeting"_s, model.messages.voicemailGreeting);
    putMessage(u"accept_prompt"_s, model.messages.acceptPrompt);
    root.insert(u"messages"_s, messages);

    root.insert(u"accept"_s, QJsonObject { { u"required"_s, model.accept.required },
                                 { u"attempts"_s, model.accept.attempts }, { u"timeout_s"_s, model.accept.timeoutSeconds } });
    root.insert(u"voicemail"_s, QJsonObject { { u"on_no_answer"_s, model.voicemail.onNoAnswer },
                                    { u"max_seconds"_s, model.voicemail.maxSeconds },
                                    { u"transcribe"_s, model.voicemail.transcribe } });

    QJsonArray plans;
    for (const RoutingPlan &plan : model.plans) {
        QJsonArray rules;
        for (const Rule &rule : plan.rules) {
            rules.append(QJsonObject {
                { u"name"_s, rule.name }, { u"if"_s, conditionJson(rule.when) }, { u"then"_s, actionJson(rule.then) } });
        }
        plans.append(QJsonObject { { u"numbers"_s, stringArray(plan.numbers) }, { u"rules"_s, rules } });
    }
    root.insert(u"plans"_s, plans);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

RoutingModel PlanDocument::defaultModel(const QString &fallbackNumber, const QTimeZone &zone)
{
    RoutingModel model;
    model.timeZone = zone;
    RoutingPlan plan;
    plan.numbers.append(RoutingModel::DefaultPlanNumber);
    Rule booked;
    booked.name = tr("Booked callers");
    booked.when.hasBooking = true;
    booked.then.kind = ActionKind::AiAgent;
    plan.rules.append(booked);
    if (!fallbackNumber.isEmpty()) {
        Rule everyone;
        everyone.name = tr("Everyone else");
        everyone.then.kind = ActionKind::Number;
        everyone.then.number = fallbackNumber;
        plan.rules.append(everyone);
    }
    model.plans.append(plan);
    // A caller nobody could answer leaves a message rather than hearing goodbye: the owner calls back.
    model.voicemail.onNoAnswer = true;
    return model;
}
