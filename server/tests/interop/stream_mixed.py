"""Interop check with a client that is not tonic: Python grpcio, stubs generated from
proto/ at test time. Streams 1,000 mixed operations over one Stream and checks every
answer (order, id echo, kind, GUIDs, error codes) against what the project must say.

usage: stream_mixed.py PROTO_DIR ADDR PROJECT_DIR
"""
import os
import re
import sys
import tempfile

from grpc_tools import protoc
import grpc

proto_dir, addr, project = sys.argv[1], sys.argv[2], sys.argv[3]
out = tempfile.mkdtemp(prefix="unity-mcp-stubs-")
rc = protoc.main(["protoc", f"-I{proto_dir}", f"--python_out={out}", f"--grpc_python_out={out}", os.path.join(proto_dir, "unity_mcp.proto")])
if rc != 0:
    sys.exit(f"protoc failed: {rc}")
sys.path.insert(0, out)
import unity_mcp_pb2 as pb  # noqa: E402
import unity_mcp_pb2_grpc as rpc  # noqa: E402

N_FILES = 100
os.makedirs(os.path.join(project, "Assets/Interop/Moved"), exist_ok=True)
for i in range(N_FILES):
    with open(os.path.join(project, f"Assets/Interop/f{i}.txt"), "w") as f:
        f.write(f"file {i}\n")

# (request, check) pairs; check(resp, state) raises on a wrong answer.
plan = []
guids = {}
HEX32 = re.compile(r"^[0-9a-f]{32}$")


def err_code(r):
    return r.error.code if r.HasField("error") else 0


def expect_asset(path, typ, remember=None, same_as=None):
    def check(resp):
        r = resp.import_asset if resp.WhichOneof("message") == "import_asset" else resp.move_asset
        assert err_code(r) == 0, f"{path}: error {r.error}"
        assert r.asset.asset_path == path, (r.asset.asset_path, path)
        assert r.asset.type == typ, (r.asset.type, typ)
        assert HEX32.match(r.asset.guid), r.asset.guid
        if remember:
            guids[remember] = r.asset.guid
        if same_as:
            assert guids[same_as] == r.asset.guid, f"GUID of {path} changed"
    return check


def expect_error(kind, code):
    def check(resp):
        assert resp.WhichOneof("message") == kind, resp
        r = getattr(resp, kind)
        assert err_code(r) == code, f"expected {code}, got {r.error}"
        assert r.error.message, "error without a message"
    return check


def expect_deleted(resp):
    assert resp.WhichOneof("message") == "delete_asset"
    assert resp.delete_asset.success and err_code(resp.delete_asset) == 0, resp


def expect_refresh(resp):
    assert resp.WhichOneof("message") == "refresh" and resp.refresh.success, resp


def imp(p):
    return pb.StreamRequest(import_asset=pb.ImportAssetRequest(asset_path=p))


for i in range(N_FILES):
    src = f"Assets/Interop/f{i}.txt"
    dst = f"Assets/Interop/Moved/g{i}.txt"
    plan.append((imp(src), expect_asset(src, "TextAsset", remember=i)))                       # new .meta
    plan.append((imp(src), expect_asset(src, "TextAsset", same_as=i)))                        # kept
    plan.append((pb.StreamRequest(move_asset=pb.MoveAssetRequest(src_path=src, dst_path=dst)), expect_asset(dst, "TextAsset", same_as=i)))
    plan.append((imp(src), expect_error("import_asset", 5)))                                  # gone
    plan.append((imp(dst), expect_asset(dst, "TextAsset", same_as=i)))
    plan.append((imp("Assets/Textures/player.png"), expect_asset("Assets/Textures/player.png", "Texture2D")))
    plan.append((imp(f"Assets/../outside{i}"), expect_error("import_asset", 3)))
    plan.append((pb.StreamRequest(move_asset=pb.MoveAssetRequest(src_path=dst, dst_path="Assets/Textures/player.png")), expect_error("move_asset", 6)))
    if i % 2 == 0:
        plan.append((pb.StreamRequest(delete_asset=pb.DeleteAssetRequest(asset_path=dst)), expect_deleted))
    else:
        plan.append((pb.StreamRequest(delete_asset=pb.DeleteAssetRequest(asset_path=f"Assets/Interop/none{i}.png")), expect_error("delete_asset", 5)))
    if i % 10 == 9:
        plan.append((pb.StreamRequest(refresh=pb.RefreshRequest()), expect_refresh))
while len(plan) < 1000:
    plan.append((imp("Assets/Prefabs/Player.prefab"), expect_asset("Assets/Prefabs/Player.prefab", "GameObject")))
assert len(plan) == 1000, len(plan)
for n, (req, _) in enumerate(plan):
    req.id = n + 1

with grpc.insecure_channel(addr) as channel:
    stub = rpc.UnityMcpServiceStub(channel)
    answers = stub.Stream(iter([req for req, _ in plan]), timeout=120)
    seen = 0
    for n, resp in enumerate(answers):
        assert n < len(plan), "more answers than requests"
        assert resp.id == n + 1, f"answer {n} has id {resp.id}: out of order"
        try:
            plan[n][1](resp)
        except AssertionError as e:
            sys.exit(f"answer {n + 1} wrong: {e}")
        seen += 1
    assert seen == 1000, f"{seen} answers for 1000 requests"

# The asset graph's RPCs, unary and over the Stream.
with grpc.insecure_channel(addr) as channel:
    stub = rpc.UnityMcpServiceStub(channel)
    mat = stub.FindAssets(pb.FindAssetsRequest(path_glob="Assets/**/*.mat", type="Material"))
    assert err_code(mat) == 0 and [a.asset_path for a in mat.assets] == ["Assets/Materials/Player.mat"], mat
    by_guid = stub.FindAssets(pb.FindAssetsRequest(guid=mat.assets[0].guid))
    assert [a.asset_path for a in by_guid.assets] == ["Assets/Materials/Player.mat"] and not by_guid.truncated
    assert err_code(stub.FindAssets(pb.FindAssetsRequest())) == 3
    refs = stub.FindReferences(pb.FindReferencesRequest(asset_path="Assets/Textures/player.png"))
    assert [a.asset_path for a in refs.referrers] == ["Assets/Materials/Player.mat"], refs
    refs = stub.FindReferences(pb.FindReferencesRequest(guid=mat.assets[0].guid))
    assert [a.asset_path for a in refs.referrers] == ["Assets/Prefabs/Player.prefab"], refs
    deps = stub.GetDependencies(pb.GetDependenciesRequest(asset_path="Assets/Prefabs/Player.prefab", recursive=True))
    assert sorted(a.asset_path for a in deps.dependencies) == ["Assets/Materials/Player.mat", "Assets/Scripts/Player.cs", "Assets/Textures/player.png"], deps
    check = stub.CheckProject(pb.CheckProjectRequest())
    assert err_code(check) == 0 and not [p for p in check.problems if p.kind != "dangling_reference"], check
    folder = stub.CreateFolder(pb.CreateFolderRequest(asset_path="Assets/Kit"))
    assert err_code(folder) == 0 and HEX32.match(folder.asset.guid), folder
    assert err_code(stub.CreateFolder(pb.CreateFolderRequest(asset_path="Assets/No/Kit"))) == 9
    copy = stub.CopyAsset(pb.CopyAssetRequest(src_path="Assets/Materials", dst_path="Assets/Kit/Materials"))
    assert err_code(copy) == 0 and copy.asset.asset_path == "Assets/Kit/Materials", copy
    refused = stub.DeleteAsset(pb.DeleteAssetRequest(asset_path="Assets/Textures/player.png", only_if_unreferenced=True))
    assert err_code(refused) == 9 and "Assets/Materials/Player.mat" in refused.error.message, refused
    # The referrers, machine-readable, on the refused delete too.
    assert sorted(a.asset_path for a in refused.referenced_by) == ["Assets/Kit/Materials/Player.mat", "Assets/Materials/Player.mat"], refused
    reqs = [
        pb.StreamRequest(id=1, find_assets=pb.FindAssetsRequest(type="Texture2D")),
        pb.StreamRequest(id=2, find_references=pb.FindReferencesRequest(asset_path="Assets/Scripts/Player.cs")),
        pb.StreamRequest(id=3, get_dependencies=pb.GetDependenciesRequest(asset_path="Assets/Materials/Player.mat")),
        pb.StreamRequest(id=4, check_project=pb.CheckProjectRequest()),
        pb.StreamRequest(id=5, copy_asset=pb.CopyAssetRequest(src_path="Assets/Prefabs", dst_path="Assets/Kit/Prefabs")),
        pb.StreamRequest(id=6, create_folder=pb.CreateFolderRequest(asset_path="Assets/Kit/Empty")),
        pb.StreamRequest(id=7, delete_asset=pb.DeleteAssetRequest(asset_path="Assets/Materials", only_if_unreferenced=True)),
    ]
    got = list(stub.Stream(iter(reqs), timeout=60))
    kinds = [r.WhichOneof("message") for r in got]
    assert kinds == ["find_assets", "find_references", "get_dependencies", "check_project", "copy_asset", "create_folder", "delete_asset"], kinds
    assert all(err_code(getattr(r, k)) == 0 for r, k in zip(got[:6], kinds)), got
    assert len(got[0].find_assets.assets) >= 2 and [a.asset_path for a in got[1].find_references.referrers] == ["Assets/Prefabs/Player.prefab"]
    # The copied prefab still references the original material (outside the copied
    # set), so deleting the original is refused, naming the copy too.
    assert err_code(got[6].delete_asset) == 9 and "Assets/Kit/Prefabs/Player.prefab" in got[6].delete_asset.error.message, got[6]
    assert "Assets/Kit/Prefabs/Player.prefab" in [a.asset_path for a in got[6].delete_asset.referenced_by], got[6]
print(f"interop: {seen} answers checked, in order, from a grpcio client; every graph RPC checked")
