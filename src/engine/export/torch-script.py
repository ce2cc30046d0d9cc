#!/usr/bin/env python3
"""A Backprop Studio experiment rebuilt in PyTorch: the same network, initialisation, optimizer, schedule and data.

Needs Python >= 3.9, PyTorch >= 1.13 and numpy. One process:

    python3 backprop_studio_train.py --data DIR

Several processes, GPUs or machines (DistributedDataParallel; logging and saving on rank 0):

    torchrun --nproc_per_node=4 backprop_studio_train.py --data DIR

DIR holds the four MNIST IDX files (train-images-idx3-ubyte, ... or their .gz copies). The weights it saves open in
the app ("Open model file..."); --weights starts from a file the app saved.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import struct
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler

# <experiment>
EXPERIMENT = json.loads("""{}""")


def build_model() -> nn.Sequential:
    return nn.Sequential()


INITS: dict[int, str] = {}
# </experiment>

PIXELS = 28 * 28
CLASSES = 10
TRAIN_COUNT = 60_000
EVALUATION_CHUNK = 1000
MNIST_FILES = {
    "train_images": ("train-images-idx3-ubyte", [TRAIN_COUNT, 28, 28]),
    "train_labels": ("train-labels-idx1-ubyte", [TRAIN_COUNT]),
    "test_images": ("t10k-images-idx3-ubyte", [10_000, 28, 28]),
    "test_labels": ("t10k-labels-idx1-ubyte", [10_000]),
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, type=Path, help="folder with the MNIST IDX files (gzipped or not)")
    parser.add_argument("--train-images", type=int, default=EXPERIMENT["trainImages"], help="training images used, from the start of the split")
    parser.add_argument("--epochs", type=int, default=EXPERIMENT["settings"]["epochs"], help="epochs to train (0: only evaluate and save); the schedule spans the experiment's epochs")
    parser.add_argument("--weights", type=Path, help="start from this .safetensors model file instead of the seeded initialisation")
    parser.add_argument("--out", type=Path, default=Path("model.safetensors"), help="where rank 0 saves the trained model")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU even when a GPU is present")
    args = parser.parse_args()
    if not 1 <= args.train_images <= TRAIN_COUNT:
        parser.error(f"--train-images must be between 1 and {TRAIN_COUNT}")
    if args.epochs < 0:
        parser.error("--epochs must be 0 or more")
    return args


# --- Processes: one, or several started by torchrun (or anything that sets its environment variables) ---------------


class World:
    """This process's place among the training processes, from RANK, LOCAL_RANK and WORLD_SIZE (absent: one process)."""

    def __init__(self, use_cpu: bool) -> None:
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        use_cuda = torch.cuda.is_available() and not use_cpu
        self.device = torch.device("cuda", self.local_rank) if use_cuda else torch.device("cpu")
        if use_cuda:
            torch.cuda.set_device(self.device)
        if self.distributed:
            # MASTER_ADDR and MASTER_PORT come from the environment too (init_method "env://").
            dist.init_process_group("nccl" if use_cuda else "gloo", rank=self.rank, world_size=self.size)

    @property
    def distributed(self) -> bool:
        return self.size > 1

    @property
    def main(self) -> bool:
        return self.rank == 0

    def log(self, message: str) -> None:
        if self.main:
            print(message, flush=True)

    def sum(self, values: list[float]) -> list[float]:
        """Element-wise sum over all processes."""
        if not self.distributed:
            return values
        total = torch.tensor(values, dtype=torch.float64, device=self.device)
        dist.all_reduce(total)
        return total.tolist()

    def close(self) -> None:
        if self.distributed:
            dist.destroy_process_group()


# --- MNIST from IDX files -------------------------------------------------------------------------------------------


def read_idx(folder: Path, name: str, dims: list[int]) -> torch.Tensor:
    """An unsigned-byte IDX file (or its .gz copy) whose dimensions must be `dims`, as a uint8 tensor."""
    path = folder / name
    if not path.exists():
        path = folder / f"{name}.gz"
    if not path.exists():
        raise SystemExit(f"{folder} has neither {name} nor {name}.gz")
    data = bytearray(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise SystemExit(f"{path} is not an unsigned-byte IDX file")
    rank = data[3]
    found = list(struct.unpack(f">{rank}I", data[4 : 4 + 4 * rank]))
    if found != dims or len(data) != 4 + 4 * rank + math.prod(dims):
        raise SystemExit(f"{path} has dimensions {found} and {len(data)} bytes; expected {dims}")
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims))


def load_mnist(folder: Path, train_images: int) -> dict[str, torch.Tensor]:
    """Images as bytes [count, 784], labels [count] (int64); the training split cut to its first `train_images`."""
    split = {key: read_idx(folder, name, dims) for key, (name, dims) in MNIST_FILES.items()}
    return {
        "train_images": split["train_images"][:train_images].reshape(-1, PIXELS),
        "train_labels": split["train_labels"][:train_images].long(),
        "test_images": split["test_images"].reshape(-1, PIXELS),
        "test_labels": split["test_labels"].long(),
    }


def pixels(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """Bytes [batch, 784] → float32 in [0, 1], as the app's gather kernel scales them."""
    return images.to(device).float() / 255


# --- Parameters: the app's initialisation, and its model files (safetensors) ----------------------------------------


def app_uniform(seed: int, start: int, count: int) -> np.ndarray:
    """Draws start, ..., start + count - 1 of the app's seeded stream (src/engine/random.ts), as floats in [0, 1)."""
    mask = 0xFFFFFFFF
    z = (seed + 0x9E3779B9 * np.arange(start + 1, start + count + 1, dtype=np.uint64)) & mask
    z = ((z ^ (z >> 16)) * 0x85EBCA6B) & mask
    z = ((z ^ (z >> 13)) * 0xC2B2AE35) & mask
    return (z ^ (z >> 16)) / 2**32


def initialise(model: nn.Sequential, seed: int) -> None:
    """The app's initial weights, bit for bit: each weight uniform in ±limit (He √(6/fan_in), Glorot
    √(6/(fan_in+fan_out)); a Conv2d's fans count its k×k taps), drawn in network order from the seed's stream in the
    app's layout (PyTorch's with the output axis last: a Linear's [in, out], a Conv2d's [in, k, k, out]); every bias zero."""
    drawn = 0
    for index, rule in INITS.items():
        layer = model[index]
        shape = tuple(layer.weight.shape)  # [out, in] or [out, in, k, k]
        count = layer.weight.numel()
        taps = count // (shape[0] * shape[1])
        fan_in, fan_out = shape[1] * taps, shape[0] * taps
        limit = math.sqrt(6 / fan_in) if rule == "he" else math.sqrt(6 / (fan_in + fan_out))
        weight = (2 * app_uniform(seed, drawn, count) - 1) * limit
        drawn += count
        stored = weight.astype(np.float32).reshape(*shape[1:], shape[0])
        with torch.no_grad():
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(np.moveaxis(stored, -1, 0))))
            layer.bias.zero_()


def read_safetensors(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The F32 tensors and the string metadata of a .safetensors file."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor {name} is {entry['dtype']}, only F32 is read")
        begin, end = entry["data_offsets"]
        values = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=8 + length + begin)
        tensors[name] = torch.from_numpy(values.copy()).reshape(entry["shape"])
    return tensors, metadata


def write_safetensors(path: Path, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> None:
    """float32 little-endian tensors after a JSON header padded with spaces to a multiple of 8 bytes, as the app writes."""
    header: dict[str, object] = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        blob = tensor.detach().cpu().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load_weights(model: nn.Sequential, path: Path) -> int:
    """Puts a saved model's tensors into `model` (names and shapes must match); returns the epochs it had trained."""
    tensors, metadata = read_safetensors(path)
    expected = model.state_dict()
    for name, tensor in expected.items():
        if name not in tensors or tensors[name].shape != tensor.shape:
            raise SystemExit(f"{path} does not fit this network: it needs {name} of shape {list(tensor.shape)}")
    if set(tensors) != set(expected):
        raise SystemExit(f"{path} has tensors this network does not: {sorted(set(tensors) - set(expected))}")
    model.load_state_dict(tensors)
    return int(metadata.get("epochs", "0"))


def app_metadata(train_images: int, epochs: int, test_accuracy: float) -> dict[str, str]:
    """The `__metadata__` the app reads back: its format, the experiment, epochs trained and the last test accuracy."""
    experiment = {**EXPERIMENT, "trainImages": train_images}
    return {
        "format": "pt",
        "backprop_studio_format": "1",
        "backprop_studio": json.dumps(experiment, separators=(",", ":")),
        "epochs": str(epochs),
        "test_accuracy": repr(test_accuracy),
    }


# --- Optimizer, schedule and clipping, as the app applies them -------------------------------------------------------


def make_optimizer(parameters) -> torch.optim.Optimizer:
    """SGD, momentum and Nesterov add weight decay to the gradient (L2), as does Adam; AdamW decays the weights apart."""
    kind = EXPERIMENT["optimizer"]
    hp = EXPERIMENT["settings"]["hyperparameters"]
    lr, decay = hp["learningRate"], hp["weightDecay"]
    if kind == "sgd":
        return torch.optim.SGD(parameters, lr=lr, weight_decay=decay)
    if kind in ("momentum", "nesterov"):
        return torch.optim.SGD(parameters, lr=lr, momentum=hp["momentum"], nesterov=kind == "nesterov", weight_decay=decay)
    # ε is added to √v̂ after the bias correction, in both the app and PyTorch.
    adam = torch.optim.AdamW if kind == "adamw" else torch.optim.Adam
    return adam(parameters, lr=lr, betas=(hp["beta1"], hp["beta2"]), eps=hp["epsilon"], weight_decay=decay)


def schedule_factor(steps_done: int, steps_per_epoch: int) -> float:
    """The learning-rate factor of the step after `steps_done` ones: constant, ×factor every N epochs, or cosine."""
    schedule = EXPERIMENT["settings"]["schedule"]
    if schedule["kind"] == "step":
        return schedule["factor"] ** (steps_done // max(steps_per_epoch * schedule["everyEpochs"], 1))
    if schedule["kind"] == "cosine":
        progress = min(steps_done / max(steps_per_epoch * EXPERIMENT["settings"]["epochs"], 1), 1)
        low = schedule["minFactor"]
        return low + (1 - low) * 0.5 * (1 + math.cos(math.pi * progress))
    return 1.0


def clip_by_global_norm(parameters: list[nn.Parameter], max_norm: float) -> None:
    """g ← g · max_norm / ‖g‖₂ when ‖g‖₂ > max_norm (over all parameters at once); max_norm 0 leaves g as it is."""
    if max_norm <= 0:
        return
    norm = torch.sqrt(sum((p.grad.double() ** 2).sum() for p in parameters))
    if norm > max_norm:
        for p in parameters:
            p.grad.mul_(max_norm / norm.item())


# --- Training and evaluation ------------------------------------------------------------------------------------------


@torch.no_grad()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor, device: torch.device) -> tuple[float, float]:
    """Mean cross-entropy and accuracy on a whole split, without dropout."""
    model.eval()
    loss_sum, correct = 0.0, 0
    for begin in range(0, len(labels), EVALUATION_CHUNK):
        logits = model(pixels(images[begin : begin + EVALUATION_CHUNK], device))
        target = labels[begin : begin + EVALUATION_CHUNK].to(device)
        loss_sum += nn.functional.cross_entropy(logits, target, reduction="sum").item()
        correct += (logits.argmax(dim=1) == target).sum().item()
    return loss_sum / len(labels), correct / len(labels)


def train_epoch(model, optimizer, scheduler, sampler, data, batch_size: int, world: World) -> tuple[float, float]:
    """One pass over this process's share of a fresh shuffle, in whole batches (drop-last); mean loss and accuracy."""
    model.train()
    parameters = list(model.parameters())
    max_norm = EXPERIMENT["settings"]["hyperparameters"]["maxGradNorm"]
    order = torch.tensor(list(sampler))
    loss_sum, correct, seen = 0.0, 0, 0
    for begin in range(0, len(order) - batch_size + 1, batch_size):
        batch = order[begin : begin + batch_size]
        target = data["train_labels"][batch].to(world.device)
        logits = model(pixels(data["train_images"][batch], world.device))
        loss = nn.functional.cross_entropy(logits, target)  # mean over the batch (over all processes, once DDP averages)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        clip_by_global_norm(parameters, max_norm)
        optimizer.step()
        scheduler.step()
        loss_sum += loss.item() * batch_size
        correct += (logits.argmax(dim=1) == target).sum().item()
        seen += batch_size
    loss_sum, correct, seen = world.sum([loss_sum, correct, seen])
    return loss_sum / seen, correct / seen


def main() -> None:
    args = parse_args()
    world = World(args.cpu)
    settings = EXPERIMENT["settings"]
    batch_size = settings["batchSize"]
    if batch_size % world.size != 0:
        raise SystemExit(f"the batch of {batch_size} does not split evenly over {world.size} processes")
    if batch_size > args.train_images:
        raise SystemExit(f"the batch of {batch_size} is larger than the {args.train_images} training images")
    model = build_model()
    initialise(model, EXPERIMENT["seed"])
    epochs_before = load_weights(model, args.weights) if args.weights else 0
    model.to(world.device)
    torch.manual_seed(EXPERIMENT["seed"] + world.rank)  # each process draws its own dropout masks
    data = load_mnist(args.data, args.train_images)
    steps_per_epoch = args.train_images // batch_size
    trained = DistributedDataParallel(model) if world.distributed else model
    optimizer = make_optimizer(trained.parameters())
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda steps: schedule_factor(steps, steps_per_epoch))
    # The whole batch is split over the processes, so steps, schedule and results match a single process.
    sampler = DistributedSampler(range(args.train_images), num_replicas=world.size, rank=world.rank, shuffle=True, seed=EXPERIMENT["seed"], drop_last=True)
    test_loss, test_accuracy = evaluate(model, data["test_images"], data["test_labels"], world.device)
    world.log(f"epoch 0: test loss {test_loss:.4f}, test accuracy {100 * test_accuracy:.2f}%")
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        train_loss, train_accuracy = train_epoch(trained, optimizer, scheduler, sampler, data, batch_size // world.size, world)
        test_loss, test_accuracy = evaluate(model, data["test_images"], data["test_labels"], world.device)
        world.log(
            f"epoch {epoch + 1}: train loss {train_loss:.4f}, train accuracy {100 * train_accuracy:.2f}%, "
            f"test loss {test_loss:.4f}, test accuracy {100 * test_accuracy:.2f}%"
        )
    if world.main:
        write_safetensors(args.out, model.state_dict(), app_metadata(args.train_images, epochs_before + args.epochs, test_accuracy))
        print(f"saved {args.out}", flush=True)
    world.close()


if __name__ == "__main__":
    main()
