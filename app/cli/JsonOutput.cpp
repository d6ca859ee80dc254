#include "JsonOutput.h"

#include "audit/AuditExport.h"

#include <QDateTime>
#include <QJsonDocument>

namespace tessera::cli {

QByteArray JsonOutput::serialize(const QJsonObject& document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QJsonObject JsonOutput::error(const CliError& error)
{
    return QJsonObject{{QStringLiteral("kind"), error.kind},
                       {QStringLiteral("message"), error.message},
                       {QStringLiteral("exitCode"), error.exitCode}};
}

QJsonObject JsonOutput::kdf(const KdfParams& params)
{
    return QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("argon2id")},
                       {QStringLiteral("passes"), params.iterations},
                       {QStringLiteral("memoryBytes"), static_cast<qint64>(params.memoryBytes())},
                       {QStringLiteral("description"), params.describe()}};
}

QJsonObject JsonOutput::vaultInfo(const VaultInfo& info)
{
    return QJsonObject{{QStringLiteral("path"), info.path},
                       {QStringLiteral("vaultId"), info.vaultId},
                       {QStringLiteral("formatVersion"), info.formatVersion},
                       {QStringLiteral("schemaVersion"), info.schemaVersion},
                       {QStringLiteral("kdf"), kdf(info.kdf)},
                       {QStringLiteral("fileBytes"), info.fileBytes},
                       {QStringLiteral("pageSize"), info.pageSize},
                       {QStringLiteral("pageCount"), info.pageCount},
                       {QStringLiteral("createdAt"), isoUtc(info.createdAtMs)},
                       {QStringLiteral("createdAtMs"), info.createdAtMs},
                       {QStringLiteral("auditEntries"), info.auditEntries}};
}

QJsonObject JsonOutput::auditVerify(const AuditVerifyReport& report)
{
    return QJsonObject{{QStringLiteral("intact"), report.ok},
                       {QStringLiteral("entriesChecked"), report.entriesChecked},
                       {QStringLiteral("firstBadId"),
                        report.firstBadId > 0 ? QJsonValue(report.firstBadId) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("problem"), report.problem}};
}

QJsonObject JsonOutput::checkReport(const VaultCheckReport& report)
{
    return QJsonObject{
        {QStringLiteral("healthy"), report.ok()},
        {QStringLiteral("integrity"),
         QJsonObject{{QStringLiteral("ok"), report.integrityProblems.isEmpty()},
                     {QStringLiteral("problems"), QJsonArray::fromStringList(report.integrityProblems)}}},
        {QStringLiteral("audit"), auditVerify(report.audit)}};
}

QJsonArray JsonOutput::auditEntries(const std::vector<AuditEntry>& entries)
{
    QJsonArray array;
    for (const AuditEntry& entry : entries) {
        array.append(AuditExport::toJsonObject(entry));
    }
    return array;
}

QString JsonOutput::isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace tessera::cli
