#include "AuditCommands.h"

#include "AuditTable.h"
#include "CliContext.h"
#include "CommandRegistry.h"
#include "JsonOutput.h"
#include "TimeArgument.h"
#include "VaultAccess.h"
#include "audit/AuditExport.h"

namespace tessera::cli {

namespace {

enum class ListFormat
{
    Table,
    Csv,
    Json
};

struct ListRequest
{
    AuditFilter filter;
    ListFormat format = ListFormat::Table;
};

// Everything is validated before the vault is opened, so a typo never costs a password prompt.
CliResult<ListRequest> parseListRequest(const ParsedArgs& args)
{
    ListRequest request;
    request.filter.action = args.value(QStringLiteral("action"));
    request.filter.text = args.value(QStringLiteral("search"));
    if (args.isSet(QStringLiteral("since"))) {
        auto ms = TimeArgument::parseMs(QStringLiteral("--since"), args.value(QStringLiteral("since")));
        if (!ms) {
            return std::unexpected(ms.error());
        }
        request.filter.fromMs = *ms;
    }
    if (args.isSet(QStringLiteral("until"))) {
        auto ms = TimeArgument::parseMs(QStringLiteral("--until"), args.value(QStringLiteral("until")));
        if (!ms) {
            return std::unexpected(ms.error());
        }
        // 0 means "no bound" to the core; the epoch itself as an exclusive bound matches nothing anyway.
        request.filter.toMs = std::max<qint64>(*ms, 1);
    }
    if (args.isSet(QStringLiteral("limit"))) {
        bool ok = false;
        const int limit = args.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1) {
            return cliFail(CliError::usage(QStringLiteral("--limit must be a whole number of at least 1")));
        }
        request.filter.limit = limit;
    }
    const QString format = args.value(QStringLiteral("format"), QStringLiteral("table"));
    if (format == QStringLiteral("table")) {
        request.format = ListFormat::Table;
    } else if (format == QStringLiteral("csv")) {
        request.format = ListFormat::Csv;
    } else if (format == QStringLiteral("json")) {
        request.format = ListFormat::Json;
    } else {
        return cliFail(
            CliError::usage(QStringLiteral("--format must be table, csv or json, not '%1'").arg(format)));
    }
    return request;
}

int runList(CliContext& context, const ParsedArgs& args)
{
    auto request = parseListRequest(args);
    if (!request) {
        return context.fail(request.error());
    }
    auto vault = VaultAccess::open(context, Vault::Access::ReadOnly);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto entries = (*vault)->audit().list(request->filter);
    if (!entries) {
        return context.fail(CliError::fromError(entries.error()));
    }
    const QJsonObject fields{{QStringLiteral("count"), static_cast<qint64>(entries->size())},
                             {QStringLiteral("entries"), JsonOutput::auditEntries(*entries)}};
    QString text;
    switch (request->format) {
    case ListFormat::Table:
        text = AuditTable::render(*entries);
        break;
    case ListFormat::Csv:
        text = QString::fromUtf8(AuditExport::toCsv(*entries));
        break;
    case ListFormat::Json:
        text = QString::fromUtf8(AuditExport::toJson(*entries));
        break;
    }
    return context.succeed(fields, text);
}

int runVerify(CliContext& context, const ParsedArgs&)
{
    auto vault = VaultAccess::open(context, Vault::Access::ReadOnly);
    if (!vault) {
        return context.fail(vault.error());
    }
    auto report = (*vault)->audit().verify();
    if (!report) {
        return context.fail(CliError::fromError(report.error()));
    }
    const QJsonObject fields = JsonOutput::auditVerify(*report);
    if (report->ok) {
        return context.succeed(
            fields, QStringLiteral("Audit chain intact: %1 entries verified\n").arg(report->entriesChecked));
    }
    const QString where =
        report->firstBadId > 0 ? QStringLiteral(" at entry %1").arg(report->firstBadId) : QString();
    return context.fail(
        CliError::negative(QStringLiteral("tampered"),
                           QStringLiteral("the audit chain is broken%1: %2").arg(where, report->problem)),
        fields,
        QStringLiteral("Audit chain BROKEN%1 (%2 entries verified before it)\n")
            .arg(where)
            .arg(report->entriesChecked));
}

} // namespace

void AuditCommands::registerAll(CommandRegistry& registry)
{
    registry.add(CommandSpec{
        {QStringLiteral("audit"), QStringLiteral("list")},
        QStringLiteral("List audit entries, newest first"),
        QStringLiteral(
            "Lists the audit trail, newest first, read-only. Filters combine. With --json the entries "
            "come inside the usual {\"ok\": true, ...} document and --format is ignored; --format json "
            "prints a bare array, like the GUI's export."),
        {},
        {
            OptionSpec{QStringLiteral("action"), QStringLiteral("A"),
                       QStringLiteral("Only this action (e.g. vault.backup), or every action under a prefix "
                                      "ending in '.' (e.g. vault.)")},
            OptionSpec{QStringLiteral("search"), QStringLiteral("TEXT"),
                       QStringLiteral("Only entries containing TEXT in any field (case-insensitive)")},
            OptionSpec{
                QStringLiteral("since"), QStringLiteral("TIME"),
                QStringLiteral("Only entries at or after TIME (Unix seconds or ISO 8601; UTC unless an "
                               "offset is given)")},
            OptionSpec{QStringLiteral("until"), QStringLiteral("TIME"),
                       QStringLiteral("Only entries before TIME (exclusive)")},
            OptionSpec{QStringLiteral("limit"), QStringLiteral("N"),
                       QStringLiteral("At most N entries (the newest)")},
            OptionSpec{QStringLiteral("format"), QStringLiteral("FORMAT"),
                       QStringLiteral("table (aligned columns, default), csv (RFC 4180) or json (an array)")},
        },
        runList});

    registry.add(CommandSpec{
        {QStringLiteral("audit"), QStringLiteral("verify")},
        QStringLiteral("Verify that no audit entry was altered, removed or reordered"),
        QStringLiteral(
            "Checks every entry's chained MAC and the chain head, read-only. Exit 0 when the chain "
            "is intact, 1 when it was tampered with (the first bad entry and the problem are "
            "reported)."),
        {},
        {},
        runVerify});
}

} // namespace tessera::cli
