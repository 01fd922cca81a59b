// The block-size lab's surrogate: a Gaussian process with a Matérn 5/2 kernel (one length scale per
// feature), a constant mean, per-point observation noise (the measured standard error squared) on top of
// a learned noise floor, and hyperparameters chosen by maximising the log marginal likelihood from
// several starts (Nelder-Mead on their logarithms). Expected improvement (for minimisation) picks what
// to evaluate next. Linear algebra through Eigen.
#pragma once

#include <cstdint>
#include <vector>

namespace qd::lab {

// k(r) / signal variance for a scaled distance r: (1 + sqrt5 r + 5/3 r^2) exp(-sqrt5 r).
double maternFiveHalves(double r);

// E[max(best - Y, 0)] for Y ~ N(mean, sd^2): the expected improvement of a minimisation. sd <= 0 gives
// max(best - mean, 0).
double expectedImprovement(double mean, double sd, double best);

struct GpHyperparameters {
    std::vector<double> lengthScales;  // per feature
    double signalVariance = 1.0;
    double noiseFloor = 1e-6;          // added to every point's own noise variance
};

class GaussianProcess {
public:
    // x: n points of d features; y: n targets; noiseVariance: n observation variances (may be empty: 0).
    // Fits the hyperparameters with `restarts` starts (the first from the data's spread, the others
    // random from `seed`); false when there are no points or the shapes disagree.
    bool fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y, const std::vector<double>& noiseVariance,
             int restarts = 4, uint64_t seed = 1);
    // The same data with fixed hyperparameters (tests, and refits that keep them).
    bool fitWith(const std::vector<std::vector<double>>& x, const std::vector<double>& y, const std::vector<double>& noiseVariance,
                 const GpHyperparameters& hyper);

    // The posterior at a point: mean and variance of the latent function (without observation noise).
    void predict(const std::vector<double>& point, double& mean, double& variance) const;
    double logMarginalLikelihood() const { return m_lml; }
    const GpHyperparameters& hyperparameters() const { return m_hyper; }
    int size() const { return static_cast<int>(m_x.size()); }

    // The log marginal likelihood of the data for given hyperparameters (-inf when not positive definite).
    double logMarginalLikelihoodOf(const GpHyperparameters& hyper) const;

private:
    bool factor();
    double kernel(const std::vector<double>& a, const std::vector<double>& b, const GpHyperparameters& h) const;

    std::vector<std::vector<double>> m_x;
    std::vector<double> m_y;      // centred and scaled
    std::vector<double> m_noise;  // scaled like m_y
    double m_mean = 0.0, m_scale = 1.0;
    GpHyperparameters m_hyper;
    std::vector<double> m_alpha;  // K^-1 y
    std::vector<double> m_chol;   // lower factor, row-major n x n
    double m_lml = 0.0;
};

}  // namespace qd::lab
