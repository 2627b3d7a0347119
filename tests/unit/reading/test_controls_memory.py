"""The district selector's labels: one dict per version of the data, shared by every session (#32)."""
from dashboard.reading.controls import region_labels


def test_the_district_labels_are_one_dict_shared_by_every_session(dataset):
    # st.cache_data unpickled a copy of every label (2,800 at national scale) on every rerun of every session
    assert region_labels(dataset) is region_labels(dataset)
    assert region_labels(dataset)["330900"].startswith("舟山市")
