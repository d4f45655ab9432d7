"""Names for the demo's citizens: the mix of Kutai, Banjar, Jawa, Bugis and Dayak names heard in Kutai
Kartanegara, each name built from parts of one community and one gender, so a person's name always agrees with
the gender recorded for them. Invented combinations: any likeness to a real person is chance."""

import random

from accounts.models import Gender

# community: (weight, {gender: (given names, second names)})
COMMUNITIES = {
    "kutai": (
        30,
        {
            Gender.FEMALE: (
                ["Dayang", "Norjannah", "Rusmini", "Hamidah", "Masitah", "Jubaidah"],
                ["Aprianti", "Safitri", "Rahmawati", "Nurlela", "Yuliana"],
            ),
            Gender.MALE: (
                ["Awang", "Syahrudin", "Ardiansyah", "Jumransyah", "Hamdani", "Rusdiansyah"],
                ["Saputra", "Effendi", "Ramadhan", "Irawan", "Hakim"],
            ),
        },
    ),
    "banjar": (
        20,
        {
            Gender.FEMALE: (
                ["Antung", "Mahyuni", "Salasiah", "Jamilah", "Mariani", "Hairiah"],
                ["Hayati", "Rahmah", "Aulia", "Fitriani", "Noorhasanah"],
            ),
            Gender.MALE: (
                ["Muhammad", "Rahmadi", "Fahrul", "Syahrani", "Hairil", "Ahmad"],
                ["Anwar", "Rahman", "Fauzi", "Hidayat", "Noor"],
            ),
        },
    ),
    "jawa": (
        25,
        {
            Gender.FEMALE: (
                ["Sri", "Endang", "Sulastri", "Wahyuni", "Suwarni", "Ratna"],
                ["Rahayu", "Lestari", "Ningsih", "Handayani", "Purwanti", "Wulandari"],
            ),
            Gender.MALE: (
                ["Bambang", "Sutrisno", "Purwanto", "Suparman", "Joko", "Agus"],
                ["Setiawan", "Santoso", "Wibowo", "Prasetyo", "Susilo", "Nugroho"],
            ),
        },
    ),
    "bugis": (
        18,
        {
            Gender.FEMALE: (
                ["Sitti", "Hasnah", "Nurhaeda", "Hasmiah", "Ramlah", "Haerani"],
                ["Hajrah", "Nurhayati", "Sulfiana", "Marwah", "Irmawati"],
            ),
            Gender.MALE: (
                ["Haerul", "Syamsuddin", "Irwansyah", "Hamzah", "Sudirman", "Baso"],
                ["Ambo", "Rasyid", "Mappa", "Tahir", "Rusli", "Ismail"],
            ),
        },
    ),
    "dayak": (
        7,
        {
            # Kenyah and Bahau family names are shared by sons and daughters; the given names are not.
            Gender.FEMALE: (
                ["Maria", "Lusia", "Agustina", "Theresia", "Veronika", "Yohana"],
                ["Lawing", "Ding", "Anyeq", "Lahang", "Jalung"],
            ),
            Gender.MALE: (
                ["Yohanes", "Petrus", "Paulus", "Stefanus", "Markus", "Lukas"],
                ["Lawing", "Ding", "Anyeq", "Lahang", "Jalung"],
            ),
        },
    ),
}


def given_names(gender: str) -> set[str]:
    """Every first name the demo gives people of this gender."""
    return {name for _weight, parts in COMMUNITIES.values() for name in parts[gender][0]}


def full_names(gender: str) -> set[str]:
    """Every name the demo can give a person of this gender."""
    return {
        f"{given} {second}"
        for _weight, parts in COMMUNITIES.values()
        for given in parts[gender][0]
        for second in parts[gender][1]
    }


def pick_name(rng: random.Random, gender: str, *, taken: set[str]) -> str:
    """A name for a person of this gender (either, when they did not say), not yet in `taken` while one is left;
    the community is drawn by how common it is in the kabupaten."""
    gender = gender or rng.choice([Gender.FEMALE, Gender.MALE])
    communities = list(COMMUNITIES.values())
    weights = [weight for weight, _parts in communities]
    for _attempt in range(50):
        given, second = rng.choices(communities, weights)[0][1][gender]
        name = f"{rng.choice(given)} {rng.choice(second)}"
        if name not in taken:
            break
    taken.add(name)
    return name
