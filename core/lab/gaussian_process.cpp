#include "core/lab/gaussian_process.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <functional>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace qd::lab {

namespace {

constexpr double kSqrt5 = 2.2360679774997896964;
constexpr double kLog2Pi = 1.8378770664093454836;

// Nelder-Mead minimisation of f over R^n from x0 with initial steps `step`: the simplex method with the
// usual coefficients (reflection 1, expansion 2, contraction 0.5, shrink 0.5).
std::vector<double> nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> x0,
                               double step, int iterations) {
    const size_t n = x0.size();
    std::vector<std::vector<double>> s(n + 1, x0);
    for (size_t i = 0; i < n; ++i) s[i + 1][i] += step;
    std::vector<double> v(n + 1);
    for (size_t i = 0; i <= n; ++i) v[i] = f(s[i]);
    std::vector<size_t> order(n + 1);
    for (int it = 0; it < iterations; ++it) {
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return v[a] < v[b]; });
        const size_t best = order.front(), worst = order.back(), second = order[n - 1];
        if (std::fabs(v[worst] - v[best]) < 1e-9 * (1.0 + std::fabs(v[best]))) break;
        std::vector<double> centroid(n, 0.0);
        for (size_t i = 0; i <= n; ++i)
            if (i != worst)
                for (size_t k = 0; k < n; ++k) centroid[k] += s[i][k] / double(n);
        auto along = [&](double t) {
            std::vector<double> p(n);
            for (size_t k = 0; k < n; ++k) p[k] = centroid[k] + t * (s[worst][k] - centroid[k]);
            return p;
        };
        const std::vector<double> r = along(-1.0);
        const double fr = f(r);
        if (fr < v[best]) {
            const std::vector<double> e = along(-2.0);
            const double fe = f(e);
            if (fe < fr) s[worst] = e, v[worst] = fe;
            else s[worst] = r, v[worst] = fr;
        } else if (fr < v[second]) {
            s[worst] = r, v[worst] = fr;
        } else {
            const std::vector<double> c = fr < v[worst] ? along(-0.5) : along(0.5);
            const double fc = f(c);
            if (fc < std::min(fr, v[worst])) {
                s[worst] = c, v[worst] = fc;
            } else {
                for (size_t i = 0; i <= n; ++i) {
                    if (i == best) continue;
                    for (size_t k = 0; k < n; ++k) s[i][k] = s[best][k] + 0.5 * (s[i][k] - s[best][k]);
                    v[i] = f(s[i]);
                }
            }
        }
    }
    size_t best = 0;
    for (size_t i = 1; i <= n; ++i)
        if (v[i] < v[best]) best = i;
    return s[best];
}

}  // namespace

double maternFiveHalves(double r) {
    const double a = kSqrt5 * std::fabs(r);
    return (1.0 + a + a * a / 3.0) * std::exp(-a);
}

double expectedImprovement(double mean, double sd, double best) {
    if (!(sd > 0.0)) return std::max(best - mean, 0.0);
    const double z = (best - mean) / sd;
    const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
    const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
    return (best - mean) * cdf + sd * pdf;
}

double GaussianProcess::kernel(const std::vector<double>& a, const std::vector<double>& b, const GpHyperparameters& h) const {
    double r2 = 0.0;
    for (size_t k = 0; k < a.size(); ++k) {
        const double d = (a[k] - b[k]) / h.lengthScales[k];
        r2 += d * d;
    }
    return h.signalVariance * maternFiveHalves(std::sqrt(r2));
}

double GaussianProcess::logMarginalLikelihoodOf(const GpHyperparameters& h) const {
    const Eigen::Index n = static_cast<Eigen::Index>(m_x.size());
    Eigen::MatrixXd K(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j <= i; ++j) {
            double v = kernel(m_x[size_t(i)], m_x[size_t(j)], h);
            if (i == j) v += h.noiseFloor + m_noise[size_t(i)];
            K(i, j) = K(j, i) = v;
        }
    Eigen::LLT<Eigen::MatrixXd> llt(K);
    if (llt.info() != Eigen::Success) return -std::numeric_limits<double>::infinity();
    const Eigen::Map<const Eigen::VectorXd> y(m_y.data(), n);
    const Eigen::VectorXd alpha = llt.solve(y);
    double logDet = 0.0;
    const Eigen::MatrixXd L = llt.matrixL();
    for (Eigen::Index i = 0; i < n; ++i) logDet += 2.0 * std::log(L(i, i));
    return -0.5 * y.dot(alpha) - 0.5 * logDet - 0.5 * double(n) * kLog2Pi;
}

bool GaussianProcess::fitWith(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                              const std::vector<double>& noise, const GpHyperparameters& hyper) {
    if (x.empty() || x.size() != y.size() || (!noise.empty() && noise.size() != y.size())) return false;
    const size_t d = x.front().size();
    for (const auto& p : x)
        if (p.size() != d) return false;
    if (hyper.lengthScales.size() != d) return false;
    m_x = x;
    m_mean = std::accumulate(y.begin(), y.end(), 0.0) / double(y.size());
    double var = 0.0;
    for (double v : y) var += (v - m_mean) * (v - m_mean);
    var /= double(y.size());
    m_scale = var > 1e-24 ? std::sqrt(var) : 1.0;
    m_y.resize(y.size());
    m_noise.assign(y.size(), 0.0);
    for (size_t i = 0; i < y.size(); ++i) {
        m_y[i] = (y[i] - m_mean) / m_scale;
        if (!noise.empty()) m_noise[i] = std::max(0.0, noise[i]) / (m_scale * m_scale);
    }
    m_hyper = hyper;
    return factor();
}

bool GaussianProcess::factor() {
    const Eigen::Index n = static_cast<Eigen::Index>(m_x.size());
    Eigen::MatrixXd K(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j <= i; ++j) {
            double v = kernel(m_x[size_t(i)], m_x[size_t(j)], m_hyper);
            if (i == j) v += m_hyper.noiseFloor + m_noise[size_t(i)];
            K(i, j) = K(j, i) = v;
        }
    Eigen::LLT<Eigen::MatrixXd> llt(K);
    if (llt.info() != Eigen::Success) return false;
    const Eigen::Map<const Eigen::VectorXd> y(m_y.data(), n);
    const Eigen::VectorXd alpha = llt.solve(y);
    m_alpha.assign(alpha.data(), alpha.data() + n);
    const Eigen::MatrixXd L = llt.matrixL();
    m_chol.assign(size_t(n * n), 0.0);
    double logDet = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j <= i; ++j) m_chol[size_t(i * n + j)] = L(i, j);
        logDet += 2.0 * std::log(L(i, i));
    }
    m_lml = -0.5 * y.dot(alpha) - 0.5 * logDet - 0.5 * double(n) * kLog2Pi;
    return true;
}

bool GaussianProcess::fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y, const std::vector<double>& noise,
                          int restarts, uint64_t seed) {
    if (x.empty() || x.size() != y.size()) return false;
    const size_t d = x.front().size();
    // Starting length scales: each feature's spread (1 where it does not vary).
    std::vector<double> spread(d, 1.0);
    for (size_t k = 0; k < d; ++k) {
        double lo = x[0][k], hi = x[0][k];
        for (const auto& p : x) lo = std::min(lo, p[k]), hi = std::max(hi, p[k]);
        if (hi - lo > 1e-12) spread[k] = hi - lo;
    }
    GpHyperparameters start;
    start.lengthScales = spread;
    if (!fitWith(x, y, noise, start)) return false;

    // Parameters: log length scales, log signal variance, log noise floor; bounded so that the search
    // cannot run off to a degenerate fit (length scales from 1/100 to 100 times the spread).
    auto unpack = [&](const std::vector<double>& t) {
        GpHyperparameters h;
        h.lengthScales.resize(d);
        for (size_t k = 0; k < d; ++k) h.lengthScales[k] = spread[k] * std::exp(std::clamp(t[k], std::log(0.01), std::log(100.0)));
        h.signalVariance = std::exp(std::clamp(t[d], std::log(1e-3), std::log(1e3)));
        h.noiseFloor = std::exp(std::clamp(t[d + 1], std::log(1e-8), std::log(1.0)));
        return h;
    };
    auto objective = [&](const std::vector<double>& t) {
        const double l = logMarginalLikelihoodOf(unpack(t));
        return std::isfinite(l) ? -l : 1e300;
    };
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1.5, 1.5);
    std::vector<double> bestT;
    double bestV = std::numeric_limits<double>::infinity();
    for (int r = 0; r < std::max(1, restarts); ++r) {
        std::vector<double> t(d + 2, 0.0);
        t[d + 1] = std::log(1e-4);
        if (r > 0) {
            for (size_t k = 0; k < d; ++k) t[k] = u(rng);
            t[d] = u(rng);
            t[d + 1] = std::log(1e-6) + 4.0 * (u(rng) + 1.5) / 3.0;
        }
        const std::vector<double> found = nelderMead(objective, t, 0.7, 300);
        const double v = objective(found);
        if (v < bestV) bestV = v, bestT = found;
    }
    return fitWith(x, y, noise, unpack(bestT));
}

void GaussianProcess::predict(const std::vector<double>& point, double& mean, double& variance) const {
    const size_t n = m_x.size();
    std::vector<double> k(n);
    double m = 0.0;
    for (size_t i = 0; i < n; ++i) {
        k[i] = kernel(point, m_x[i], m_hyper);
        m += k[i] * m_alpha[i];
    }
    // v = L^-1 k by forward substitution; the latent variance is k(x, x) - v.v.
    std::vector<double> v(n);
    double vv = 0.0;
    for (size_t i = 0; i < n; ++i) {
        double s = k[i];
        for (size_t j = 0; j < i; ++j) s -= m_chol[i * n + j] * v[j];
        v[i] = s / m_chol[i * n + i];
        vv += v[i] * v[i];
    }
    mean = m_mean + m_scale * m;
    variance = std::max(0.0, m_hyper.signalVariance - vv) * m_scale * m_scale;
}

}  // namespace qd::lab
