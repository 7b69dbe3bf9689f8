// The routing plan as the Routing and Staff & schedules panels edit it: one working copy shared by
// both, checked after every change exactly as `plan import` checks a file, and saved as a whole.
#pragma once

#include "routing/routingmodel.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class Database;
class Settings;

class PlanDraft : public QObject
{
    Q_OBJECT

public:
    // Reads the saved plan at once; `settings` gives the region that numbers without a country
    // code are read in and the fallback number of the built-in plan.
    PlanDraft(Database &db, Settings &settings, QObject *parent = nullptr);

    const RoutingModel &model() const { return m_model; }
    // The practice's region: numbers without a country code are read in it, and shown its way.
    QString region() const;
    // Whether the saved plan is one made here or imported, rather than the built-in booking rule.
    bool isOwnPlan() const { return m_ownPlan; }
    // Whether the working copy differs from the saved plan.
    bool isModified() const;
    // The time zone of the saved plan, which the router follows: the window shows every time on its clock.
    const QTimeZone &savedTimeZone() const { return m_savedZone; }
    // Why the saved plan could not be read; empty when it was.
    const QString &loadError() const { return m_loadError; }

    // Changes the working copy, then checks it again and announces the change.
    void edit(const std::function<void(RoutingModel &)> &change);

    // The working copy as the router would read it (numbers in E.164); nullopt while it has faults.
    const std::optional<RoutingModel> &checkedModel() const { return m_checked; }
    // Every fault of the working copy as `plan import` names them: "staff[1].phone: …".
    const QStringList &errors() const { return m_errors; }
    // The faults at `path` or inside it ("staff[1]" covers "staff[1].phone"), without the path;
    // with `inside` false, only those at `path` itself.
    QStringList errorsAt(const QString &path, bool inside = true) const;

    // Stores the working copy as the routing plan, which the router follows from the next call on.
    // False, with errors() listing why, when it has faults; nothing is stored then.
    bool save();
    // Drops the changes and reads the saved plan again.
    void revert();
    // Reads the saved plan again unless there are changes here: `plan import` may have stored
    // another one meanwhile. Editors call it when they are shown.
    void reloadIfUnchanged();

Q_SIGNALS:
    // After every edit, save and revert: editors show the working copy again.
    void changed();
    // The plan the router follows changed.
    void saved();

private:
    void check();

    Database &m_db;
    Settings &m_settings;
    RoutingModel m_model;
    QByteArray m_savedDocument;
    QTimeZone m_savedZone;
    QStringList m_errors;
    std::optional<RoutingModel> m_checked;
    QString m_loadError;
    bool m_ownPlan = false;
};
