#pragma once

#include <cstddef>
#include <vector>

namespace tessera::bench {

// Repeated measurements of one quantity. Medians resist the odd slow run caused by another process;
// percentiles use the nearest-rank method, so p90 is always one of the observed values.
class Samples
{
public:
    void add(double value) { m_values.push_back(value); }
    std::size_t count() const { return m_values.size(); }
    bool isEmpty() const { return m_values.empty(); }

    double median() const;
    double percentile(double p) const; // p in [0, 100]
    double min() const;
    double max() const;

private:
    std::vector<double> sorted() const;

    std::vector<double> m_values;
};

} // namespace tessera::bench
