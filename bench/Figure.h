#pragma once

#include <QJsonObject>
#include <QString>

namespace tessera::bench {

// The target a figure is judged against.
struct Goal
{
    enum class Kind
    {
        AtMost,
        AtLeast,
        MagnitudeAtMost
    };

    Kind kind = Kind::AtMost;
    double bound = 0.0;

    static Goal atMost(double bound) { return Goal{Kind::AtMost, bound}; }
    static Goal atLeast(double bound) { return Goal{Kind::AtLeast, bound}; }
    // For signed errors: |value| <= bound.
    static Goal magnitudeAtMost(double bound) { return Goal{Kind::MagnitudeAtMost, bound}; }

    bool isMet(double value) const;
    QString describe(const QString& unit) const; // "<= 20 ms", ">= 50 /s", "within +-20 %"
};

// One measured quantity: printed as one line, or one object with --json.
struct Figure
{
    QString key;   // stable name for scripts, e.g. "unlock.overhead"
    QString label; // what a person reads
    double value = 0.0;
    QString unit;
    Goal goal;
    QString detail; // how it was measured: repetitions, the parts it was computed from

    bool passed() const { return goal.isMet(value); }
    QString formattedValue() const;
    QJsonObject toJson() const;
};

// Enough digits to compare runs without pretending to more precision than wall-clock timing has.
QString formatNumber(double value);

} // namespace tessera::bench
