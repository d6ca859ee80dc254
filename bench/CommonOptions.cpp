#include "CommonOptions.h"

#include <QCommandLineParser>

namespace tessera::bench {

void CommonOptions::addTo(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("json"), QStringLiteral("Print one JSON document instead of lines.")},
         {QStringLiteral("strict"), QStringLiteral("Exit with status 1 when a goal is missed.")}});
}

void CommonOptions::readFrom(const QCommandLineParser& parser)
{
    json = parser.isSet(QStringLiteral("json"));
    strict = parser.isSet(QStringLiteral("strict"));
}

} // namespace tessera::bench
