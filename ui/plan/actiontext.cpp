// Plain sentences for routing actions and conditions.
#include "actiontext.h"

#include "phone/phonenormalizer.h"

#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

constexpr int QuoteLength = 40;

QString staffName(const RoutingModel &model, const QString &id)
{
    const StaffMember *member = model.findStaff(id);
    return member && !member->name.isEmpty() ? member->name : id;
}

QString teamName(const RoutingModel &model, const QString &id)
{
    const Team *team = model.findTeam(id);
    return team && !team->name.isEmpty() ? team->name : id;
}

QString withoutOtherwise(const Action &action, const RoutingModel &model, const PhoneNormalizer &phone)
{
    switch (action.kind) {
    case ActionKind::AiAgent:
        return ActionText::tr("Hand to the AI agent");
    case ActionKind::Team:
        return action.team.isEmpty() ? ActionText::tr("Ring a team (none chosen)")
                                     : ActionText::tr("Ring team %1").arg(teamName(model, action.team));
    case ActionKind::Staff:
        return action.staff.isEmpty() ? ActionText::tr("Ring a staff member (none chosen)")
                                      : ActionText::tr("Ring %1").arg(staffName(model, action.staff));
    case ActionKind::Number:
        return action.number.isEmpty() ? ActionText::tr("Ring a number (none given)")
                                       : ActionText::tr("Ring %1").arg(phone.toDisplay(action.number));
    case ActionKind::AssignedStaff:
        return ActionText::tr("Ring the caller's own staff member");
    case ActionKind::NumberOwner:
        return ActionText::tr("Ring whoever answers for the number called");
    case ActionKind::Menu: {
        QStringList keys;
        for (const MenuOption &option : action.options) {
            keys.append(ActionText::tr("%1 → %2")
                            .arg(option.digit)
                            .arg(option.action ? withoutOtherwise(*option.action, model, phone) : QString()));
        }
        return keys.isEmpty() ? ActionText::tr("Menu with no keys yet")
                              : ActionText::tr("Menu: %1").arg(keys.join(u", "_s));
    }
    case ActionKind::Voicemail:
        return ActionText::tr("Take a voicemail");
    case ActionKind::Message:
        return ActionText::tr("Say %1 and hang up").arg(ActionText::describe(action.message));
    case ActionKind::Reject:
        return ActionText::tr("Reject the call");
    }
    return {};
}

} // namespace

QString ActionText::kindName(ActionKind kind)
{
    switch (kind) {
    case ActionKind::AiAgent:
        return tr("Hand to the AI agent");
    case ActionKind::Team:
        return tr("Ring a team");
    case ActionKind::Staff:
        return tr("Ring a staff member");
    case ActionKind::Number:
        return tr("Ring a phone number");
    case ActionKind::AssignedStaff:
        return tr("Ring the caller's own staff member");
    case ActionKind::NumberOwner:
        return tr("Ring whoever answers for the number called");
    case ActionKind::Menu:
        return tr("Play a keypad menu");
    case ActionKind::Voicemail:
        return tr("Take a voicemail");
    case ActionKind::Message:
        return tr("Say a message and hang up");
    case ActionKind::Reject:
        return tr("Reject the call");
    }
    return {};
}

QString ActionText::describe(const Action &action, const RoutingModel &model, const PhoneNormalizer &phone)
{
    const QString text = withoutOtherwise(action, model, phone);
    if (!action.reachesSomeone() || !action.otherwise)
        return text;
    return tr("%1; if nobody answers: %2").arg(text, describe(*action.otherwise, model, phone));
}

QString ActionText::describe(const Condition &condition, const RoutingModel &model, const PhoneNormalizer &phone)
{
    QStringList parts;
    if (condition.hasBooking)
        parts.append(*condition.hasBooking ? tr("has a booking") : tr("has no booking"));
    if (!condition.callerIn.isEmpty())
        parts.append(tr("caller on list \"%1\"").arg(condition.callerIn));
    if (!condition.callerNotIn.isEmpty())
        parts.append(tr("caller not on list \"%1\"").arg(condition.callerNotIn));
    if (!condition.inside.isEmpty())
        parts.append(tr("during \"%1\"").arg(model.scheduleName(condition.inside)));
    if (!condition.outside.isEmpty())
        parts.append(tr("outside \"%1\"").arg(model.scheduleName(condition.outside)));
    if (!condition.called.isEmpty()) {
        QStringList called;
        for (const QString &number : condition.called)
            called.append(phone.toDisplay(number));
        parts.append(tr("calls to %1").arg(QLocale().createSeparatedList(called)));
    }
    if (parts.isEmpty())
        return tr("Always");
    QString text = QLocale().createSeparatedList(parts);
    text[0] = text.at(0).toUpper();
    return text;
}

QString ActionText::describe(const Message &message)
{
    if (!message.say.isEmpty()) {
        const QString say
            = message.say.size() > QuoteLength ? message.say.left(QuoteLength - 1) + u'…' : message.say;
        return tr("“%1”").arg(say);
    }
    if (!message.play.isEmpty())
        return tr("the recording %1").arg(message.play.fileName());
    return tr("nothing");
}
