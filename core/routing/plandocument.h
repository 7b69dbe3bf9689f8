// The routing plan as one JSON document (`switchboard plan export|import`, and what the GUI edits):
// reading it with every fault named by its JSON path, and writing it back.
#pragma once

#include "routingmodel.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <optional>

class PlanDocument
{
    Q_DECLARE_TR_FUNCTIONS(PlanDocument)

public:
    struct ParseResult
    {
        std::optional<RoutingModel> model; // set only when there are no errors
        QStringList errors;                // "plans[0].rules[2].then.team: no team \"frnt\"", ...
    };

    // Reads and checks the whole document: unknown keys, types, ranges, phone numbers (written
    // without a country code they are read in `defaultRegion`), and every reference between its
    // parts. A document that names no time zone is read in `defaultZone`.
    static ParseResult parse(
        const QByteArray &json, const QString &defaultRegion, const QTimeZone &defaultZone);

    // The document for `model`, with every default written out so that it reads complete.
    static QByteArray toJson(const RoutingModel &model);

    // The plan of a data folder where none was imported: booked callers to the AI agent, everyone
    // else to `fallbackNumber` (when there is one), as the router has always done.
    static RoutingModel defaultModel(const QString &fallbackNumber, const QTimeZone &zone);
};
