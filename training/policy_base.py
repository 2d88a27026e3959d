"""What every arm policy family shares (training/families.py): fixed input standardisation from
the training data, the GELU observation encoder, the parameter count."""

import torch
import torch.nn.functional as F
from torch import nn


class PolicyBase(nn.Module):
    """Observations enter every family as (obs - obs_mean) / obs_std, buffers set once from the
    training data (`set_obs_normalization`) and saved with the weights."""

    def _init_standardization(self, obs_dim: int) -> None:
        """Registers obs_mean (zeros) and obs_std (ones), [obs_dim]: call from __init__."""
        self.register_buffer("obs_mean", torch.zeros(obs_dim))
        self.register_buffer("obs_std", torch.ones(obs_dim))

    def set_obs_normalization(self, mean: torch.Tensor, std: torch.Tensor) -> None:
        """Observations enter as (obs - mean) / std; mean, std [obs_dim]."""
        self.obs_mean.copy_(mean)
        self.obs_std.copy_(std)

    def standardize(self, obs: torch.Tensor) -> torch.Tensor:
        return (obs - self.obs_mean) / self.obs_std

    def _encode(self, obs: torch.Tensor, linear=F.linear) -> torch.Tensor:
        """Encoder features GELU(W_in standardize(obs) + b_in) [..., width], for families with an
        `encoder` Linear; `linear` lets training pass the faster 1x1-conv `dense`."""
        return F.gelu(linear(self.standardize(obs), self.encoder.weight, self.encoder.bias))

    def param_count(self) -> int:
        return sum(p.numel() for p in self.parameters())
