// The working copy of the routing plan that the editing panels share.
#include "plandraft.h"

#include "routing/plandocument.h"
#include "routing/routingplanloader.h"
#include "settings/settings.h"

using namespace Qt::StringLiterals;

namespace {

RoutingPlanLoader loaderFor(Database &db, Settings &settings)
{
    return RoutingPlanLoader(db, settings.defaultRegion(),
        settings.value(u"routing.fallback_number"_s).value_or(QString()));
}

} // namespace

PlanDraft::PlanDraft(Database &db, Settings &settings, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_settings(settings)
{
    revert();
}

bool PlanDraft::isModified() const
{
    return PlanDocument::toJson(m_model) != m_savedDocument;
}

void PlanDraft::edit(const std::function<void(RoutingModel &)> &change)
{
    change(m_model);
    check();
    Q_EMIT changed();
}

QStringList PlanDraft::errorsAt(const QString &path, bool inside) const
{
    QStringList messages;
    for (const QString &error : m_errors) {
        const qsizetype colon = error.indexOf(u": "_s);
        if (colon < 0)
            continue;
        const QStringView at = QStringView(error).left(colon);
        const bool within = inside && at.startsWith(path) && at.size() > path.size()
            && (at.at(path.size()) == u'.' || at.at(path.size()) == u'[');
        if (at == path || within)
            messages.append(error.mid(colon + 2));
    }
    return messages;
}

bool PlanDraft::save()
{
    const PlanDocument::ParseResult stored
        = loaderFor(m_db, m_settings).import(PlanDocument::toJson(m_model));
    if (!stored.model) {
        m_errors = stored.errors;
        m_checked.reset();
        Q_EMIT changed();
        return false;
    }
    // What was stored is the checked document: numbers in E.164, every default written out.
    m_model = *stored.model;
    m_savedDocument = PlanDocument::toJson(m_model);
    m_savedZone = m_model.timeZone;
    m_ownPlan = true;
    m_errors.clear();
    m_checked = m_model;
    Q_EMIT changed();
    Q_EMIT saved();
    return true;
}

void PlanDraft::revert()
{
    Result<RoutingModel> loaded = loaderFor(m_db, m_settings).load(&m_ownPlan);
    m_loadError = loaded ? QString() : loaded.error();
    // A stored plan that no longer reads starts the editor from the built-in one, so that saving
    // puts a working plan back; the error says what was wrong with the old one.
    m_model = loaded
        ? std::move(loaded).value()
        : PlanDocument::defaultModel(m_settings.value(u"routing.fallback_number"_s).value_or(QString()),
            RoutingPlanLoader::localZone());
    m_savedDocument = loaded ? PlanDocument::toJson(m_model) : QByteArray();
    m_savedZone = m_model.timeZone;
    check();
    Q_EMIT changed();
}

void PlanDraft::reloadIfUnchanged()
{
    if (isModified())
        return;
    const QByteArray before = m_savedDocument;
    const bool wasOwn = m_ownPlan;
    Result<RoutingModel> loaded = loaderFor(m_db, m_settings).load(&m_ownPlan);
    if (loaded && PlanDocument::toJson(loaded.value()) == before && m_ownPlan == wasOwn)
        return; // the same plan: editors keep their selection and nothing is redrawn
    revert();
}

QString PlanDraft::region() const
{
    return m_settings.defaultRegion();
}

void PlanDraft::check()
{
    const QString region = m_settings.defaultRegion();
    PlanDocument::ParseResult parsed
        = PlanDocument::parse(PlanDocument::toJson(m_model), region, RoutingPlanLoader::localZone());
    m_errors = std::move(parsed.errors);
    m_checked = std::move(parsed.model);
}
